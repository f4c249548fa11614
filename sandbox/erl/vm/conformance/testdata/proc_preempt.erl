-module(proc_preempt).
-export([main/0]).
%% a busy loop does not starve other processes.

spin(0) -> done;
spin(N) -> spin(N - 1).

main() ->
    Parent = self(),
    spawn(fun() -> spin(3000000), Parent ! spinner end),
    spawn(fun() -> Parent ! quick end),
    First = receive M -> M end,
    Second = receive M2 -> M2 end,
    {First, Second}.
