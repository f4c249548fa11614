-module(sup_start_child_info).
-export([main/0, init/1, start_info/1]).
-behaviour(supervisor).
%% a start function returning {ok, Pid, Info}: start_child and restart_child pass Info on.

start_info(N) -> {ok, spawn_link(fun() -> receive stop -> ok end end), {info, N}}.

init(_) -> {ok, {#{}, [#{id => first, start => {?MODULE, start_info, [1]}}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, []),
    {ok, P2, I2} = supervisor:start_child(Sup, #{id => second, start => {?MODULE, start_info, [2]}}),
    ok = supervisor:terminate_child(Sup, first),
    {ok, P1, I1} = supervisor:restart_child(Sup, first),
    unlink(Sup), exit(Sup, shutdown),
    {is_pid(P1), is_pid(P2), I1, I2}.
