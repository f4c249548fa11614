-module(sys_suspend_resume).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% a suspended gen_server queues calls until resumed.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast({set, S}, _) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 7, []),
    ok = sys:suspend(Pid),
    A = try gen_server:call(Pid, get, 30) catch exit:{timeout, _} -> timeout end,
    gen_server:cast(Pid, {set, 8}),
    ok = sys:resume(Pid),
    B = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {A, B}.
