-module(silent2).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

init(Args) -> {ok, Args}.
handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.

%% A guard or a body that does something is not silent.
handle_info(Msg, S) when is_integer(Msg) ->
    {noreply, S};
handle_info(Msg, S) ->
    io:format("got ~p~n", [Msg]),
    {noreply, S};
handle_info(_, S) -> %% want OTP007 "Log what arrives"
    {noreply, S}.
