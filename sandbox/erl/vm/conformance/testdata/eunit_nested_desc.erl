-module(eunit_nested_desc).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% descriptions on groups and on single tests; only a test's own shows in failures.

main() ->
    eunit:test({"group", [{"inner ok", ?_assert(true)},
                          {"inner bad", ?_assertEqual(a, b)},
                          {inorder, [?_test(ok), {"deep", ?_assertNotEqual(1, 1)}]}]}).
