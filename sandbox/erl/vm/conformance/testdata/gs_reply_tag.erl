-module(gs_reply_tag).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% a gen_server's From is {Pid, Tag}; reply/2 works from another process.

init([]) -> {ok, []}.
handle_call(async, From, S) ->
    {Pid, _Tag} = From,
    spawn(fun() -> gen_server:reply(From, {from_helper, is_pid(Pid)}) end),
    {noreply, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    R = gen_server:call(Pid, async),
    gen_server:stop(Pid),
    R.
