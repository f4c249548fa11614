-module(eunit_generators).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% test generators returning lists of _-macro tests.

arith_test_() ->
    [?_assertEqual(2, 1 + 1),
     ?_assert(is_integer(3)),
     ?_test(ok),
     {"with a description", ?_assertMatch([_ | _], [1])}].
fun_test_() -> fun() -> ok end.
main() -> eunit:test(?MODULE).
