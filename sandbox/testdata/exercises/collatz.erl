%% Exercise: steps of the Collatz conjecture.
-module(collatz).
-export([steps/1]).
-include_lib("eunit/include/eunit.hrl").
steps(N) when is_integer(N), N > 0 -> steps(N, 0);
steps(_) -> {error, "Only positive numbers are allowed"}.
steps(1, S) -> S;
steps(N, S) when N rem 2 =:= 0 -> steps(N div 2, S + 1);
steps(N, S) -> steps(3 * N + 1, S + 1).
one_test() -> ?assertEqual(0, steps(1)).
twelve_test() -> ?assertEqual(9, steps(12)).
large_test() -> ?assertEqual(152, steps(1000000)).
zero_test() -> ?assertEqual({error, "Only positive numbers are allowed"}, steps(0)).
