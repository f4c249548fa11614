-module(proc_selective_receive).
-export([main/0]).
%% receive picks the first matching message and leaves the others queued.

main() ->
    self() ! {a, 1}, self() ! {b, 2}, self() ! {c, 3}, self() ! {b, 4},
    B1 = receive {b, X} -> X end,
    C = receive {c, Y} -> Y end,
    B2 = receive {b, Z} -> Z end,
    A = receive {a, W} -> W end,
    Rest = receive M -> M after 0 -> empty end,
    {B1, C, B2, A, Rest}.
