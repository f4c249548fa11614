-module(trap_ok).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

init(Args) ->
    process_flag(trap_exit, true),
    {ok, Args}.

handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.

handle_info({'EXIT', _Pid, normal}, S) ->
    {noreply, S};
handle_info({'EXIT', _Pid, Reason}, S) ->
    {stop, Reason, S};
handle_info(Other, S) ->
    logger:notice("unexpected ~p", [Other]),
    {noreply, S}.
