-module(mon_multiple).
-export([main/0]).
%% two monitors on one process each get their own 'DOWN'.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    R1 = monitor(process, Pid),
    R2 = monitor(process, Pid),
    Pid ! stop,
    A = receive {'DOWN', R2, _, _, W2} -> {second, W2} end,
    B = receive {'DOWN', R1, _, _, W1} -> {first, W1} end,
    {R1 =/= R2, A, B}.
