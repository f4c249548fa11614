-module(mon_kill_reason).
-export([main/0]).
%% a killed process's monitor sees killed.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> receive after infinity -> ok end end),
    exit(Pid, kill),
    receive {'DOWN', Ref, process, Pid, Why} -> Why end.
