-module(proc_self_exit).
-export([main/0]).
%% exit/1 inside a process, seen through a monitor.

main() ->
    {_, R1} = spawn_monitor(fun() -> exit(my_reason) end),
    W1 = receive {'DOWN', R1, _, _, X} -> X end,
    {_, R2} = spawn_monitor(fun() -> exit({shutdown, tidy}) end),
    W2 = receive {'DOWN', R2, _, _, Y} -> Y end,
    {W1, W2}.
