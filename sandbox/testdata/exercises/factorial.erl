%% Exercise: factorial, body-recursive and tail-recursive.
-module(factorial).
-export([fac/1, tail_fac/1]).
-include_lib("eunit/include/eunit.hrl").
fac(0) -> 1;
fac(N) when N > 0 -> N * fac(N - 1).
tail_fac(N) -> tail_fac(N, 1).
tail_fac(0, Acc) -> Acc;
tail_fac(N, Acc) when N > 0 -> tail_fac(N - 1, N * Acc).
small_test() -> ?assertEqual(120, fac(5)).
big_test() -> ?assertEqual(2432902008176640000, fac(20)).
bignum_test() -> ?assertEqual(fac(30), tail_fac(30)).
negative_test() -> ?assertError(function_clause, fac(-1)).
