-module(mon_demonitor_info).
-export([main/0]).
%% demonitor with info tells whether the monitor was still active.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    Ref = monitor(process, Pid),
    A = demonitor(Ref, [info]),
    B = demonitor(Ref, [info]),
    {_, Ref2} = spawn_monitor(fun() -> ok end),
    timer:sleep(10),
    C = demonitor(Ref2, [info]),
    D = receive {'DOWN', Ref2, _, _, _} -> queued after 0 -> none end,
    Pid ! stop,
    {A, B, C, D}.
