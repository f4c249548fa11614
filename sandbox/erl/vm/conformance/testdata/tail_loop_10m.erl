-module(tail_loop_10m).
-export([main/0]).
%% A 10-million-iteration tail-recursive loop runs in constant space.
main() ->
    loop(10000000, 0).

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + N rem 7).
