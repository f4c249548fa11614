-module(proc_spawn_opt).
-export([main/0]).
%% spawn_opt with link, monitor and priority.

main() ->
    process_flag(trap_exit, true),
    P1 = spawn_opt(fun() -> exit(linked) end, [link]),
    A = receive {'EXIT', P1, R1} -> R1 end,
    {P2, Ref} = spawn_opt(fun() -> exit(monitored) end, [monitor]),
    B = receive {'DOWN', Ref, process, P2, R2} -> R2 end,
    Me = self(),
    spawn_opt(fun() -> Me ! {prio, process_info(self(), priority)} end, [{priority, high}]),
    C = receive {prio, Pr} -> Pr end,
    {A, B, C}.
