-module(link_dead_noproc).
-export([main/0]).
%% linking to a process that is gone gives noproc.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    process_flag(trap_exit, true),
    true = link(Pid),
    receive {'EXIT', Pid, Why} -> Why after 100 -> nothing end.
