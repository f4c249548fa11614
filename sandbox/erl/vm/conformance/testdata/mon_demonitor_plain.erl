-module(mon_demonitor_plain).
-export([main/0]).
%% demonitor/1 stops future 'DOWN' messages.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    Ref = monitor(process, Pid),
    true = demonitor(Ref),
    Pid ! stop,
    receive {'DOWN', Ref, _, _, _} -> down after 30 -> no_down end.
