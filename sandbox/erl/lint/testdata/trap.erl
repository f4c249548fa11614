-module(trap).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

init(Args) ->
    process_flag(trap_exit, true), %% want OTP006 "no clause for {'EXIT', Pid, Reason}"
    {ok, Args}.

handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.

handle_info({tick, N}, S) ->
    {noreply, [N | S]};
handle_info(timeout, S) ->
    {noreply, S}.
