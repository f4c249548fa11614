-module(link_kill_propagates_killed).
-export([main/0]).
%% a process killed with kill makes its links exit with killed.

main() ->
    Parent = self(),
    {Mid, Ref} = spawn_monitor(fun() ->
        process_flag(trap_exit, true),
        Victim = spawn_link(fun() -> receive after infinity -> ok end end),
        Parent ! {victim, Victim},
        receive {'EXIT', Victim, R} -> exit({saw, R}) end
    end),
    receive {victim, V} -> exit(V, kill) end,
    receive {'DOWN', Ref, process, Mid, Why} -> Why end.
