-module(eunit_inparallel).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% {inparallel, Tests} runs them all.

par_test_() -> {inparallel, [?_assert(true), ?_assertEqual(2, 1 + 1), ?_test(timer:sleep(5))]}.
main() -> eunit:test(?MODULE).
