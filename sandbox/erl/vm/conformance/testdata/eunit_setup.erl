-module(eunit_setup).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a setup fixture runs setup once and cleanup after.

setup_test_() ->
    {setup,
     fun() -> put(log, [setup]), 42 end,
     fun(_) -> put(log, [cleanup | get(log)]) end,
     fun(X) -> [?_assertEqual(42, X), ?_assert(X > 0)] end}.
main() -> eunit:test(?MODULE).
