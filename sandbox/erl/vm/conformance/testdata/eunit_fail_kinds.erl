-module(eunit_fail_kinds).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% failing assert, assertMatch, assertNotEqual, assertNotMatch.

a_test() -> ?assert(1 > 2).
b_test() -> ?assertMatch({ok, _}, {error, nope}).
c_test() -> ?assertNotEqual(x, x).
d_test() -> ?assertNotMatch([_], [1]).
e_test() -> ?assertNot(true).
main() -> eunit:test(?MODULE).
