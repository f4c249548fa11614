%% Exercise: Fibonacci numbers, naive and with an accumulator.
-module(fib).
-export([fib/1, fast_fib/1]).
-include_lib("eunit/include/eunit.hrl").
fib(0) -> 0;
fib(1) -> 1;
fib(N) when N > 1 -> fib(N - 1) + fib(N - 2).
fast_fib(N) -> fast_fib(N, 0, 1).
fast_fib(0, A, _) -> A;
fast_fib(N, A, B) -> fast_fib(N - 1, B, A + B).
small_test_() -> [?_assertEqual(F, fib(N)) || {N, F} <- [{0, 0}, {1, 1}, {2, 1}, {10, 55}]].
agree_test() -> ?assertEqual([fib(N) || N <- lists:seq(0, 20)], [fast_fib(N) || N <- lists:seq(0, 20)]).
big_test() -> ?assertEqual(354224848179261915075, fast_fib(100)).
