-module(proc_exit_self_normal).
-export([main/0]).
%% exit(self(), normal) ends the calling process.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> exit(self(), normal), timer:sleep(100), exit(survived) end),
    receive {'DOWN', Ref, process, Pid, Why} -> Why end.
