-module(tail_mutual).
-export([main/0]).
%% Mutually tail-recursive functions run in constant space.
main() ->
    {even(1000001), odd(1000001), count_down(3000000)}.

even(0) -> true;
even(N) -> odd(N - 1).
odd(0) -> false;
odd(N) -> even(N - 1).

count_down(0) -> done;
count_down(N) -> case N rem 2 of 0 -> count_down(N - 1); 1 -> count_down(N - 1) end.
