-module(mon_noproc).
-export([main/0]).
%% monitoring a process that is gone gives 'DOWN' with noproc at once.

main() ->
    {Pid, R0} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', R0, _, _, _} -> ok end,
    Ref = monitor(process, Pid),
    receive {'DOWN', Ref, process, Pid, Why} -> Why after 1000 -> none end.
