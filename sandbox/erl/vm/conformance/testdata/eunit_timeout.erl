-module(eunit_timeout).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% {timeout, Seconds, Tests} around tests that finish in time.

slow_test_() -> {timeout, 1, [?_test(timer:sleep(10)), ?_test(ok)]}.
quick_test_() -> {timeout, 5, fun() -> ok end}.
main() -> eunit:test(?MODULE).
