-module(timer_exit_after).
-export([main/0]).
%% timer:exit_after and kill_after end another process.

main() ->
    P1 = spawn(fun() -> receive after infinity -> ok end end),
    P2 = spawn(fun() -> process_flag(trap_exit, true), receive after infinity -> ok end end),
    R1 = monitor(process, P1), R2 = monitor(process, P2),
    {ok, _} = timer:exit_after(10, P1, time_is_up),
    {ok, _} = timer:kill_after(10, P2),
    A = receive {'DOWN', R1, _, _, W1} -> W1 end,
    B = receive {'DOWN', R2, _, _, W2} -> W2 end,
    {A, B}.
