-module(lc_basic).
-export([main/0]).
%% List comprehensions with filters and several generators.
main() ->
    L = lists:seq(1, 10),
    [[X * X || X <- L], [X || X <- L, X rem 3 =:= 0], [{X, Y} || X <- [1, 2, 3], Y <- [a, b]],
     [X + Y || X <- [10, 20], Y <- [1, 2], X + Y =/= 21], [X || X <- [], true],
     [{X, Y} || X <- L, X < 4, Y <- lists:seq(X, 3)], [ok || _ <- [1, 2]]].
