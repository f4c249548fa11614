-module(eunit_many_failures).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a suite with several failures and passes.

gen_test_() -> [?_assertEqual(N, N * 1) || N <- lists:seq(1, 10)] ++
               [?_assertEqual(even, parity(N)) || N <- [1, 3]].
parity(N) when N rem 2 =:= 0 -> even;
parity(_) -> odd.
main() -> eunit:test(?MODULE).
