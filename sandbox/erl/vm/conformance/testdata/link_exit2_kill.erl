-module(link_exit2_kill).
-export([main/0]).
%% exit(Pid, kill) cannot be trapped, and links see killed.

main() ->
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> process_flag(trap_exit, true), receive _ -> ok end end),
    exit(Pid, kill),
    receive {'EXIT', Pid, Why} -> Why end.
