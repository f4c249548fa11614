-module(proc_exit_normal).
-export([main/0]).
%% a process returning from its function exits normally.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> 42 end),
    receive {'DOWN', Ref, process, Pid, Why} -> Why end.
