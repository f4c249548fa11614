-module(silent).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

init(Args) -> {ok, Args}.
handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.

handle_info({tick, N}, S) ->
    {noreply, [N | S]};
handle_info(_Info, State) -> %% want OTP007 "drops every message"
    {noreply, State}.
