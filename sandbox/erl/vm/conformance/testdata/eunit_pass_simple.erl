-module(eunit_pass_simple).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit:test on a module whose simple tests all pass.

add_test() -> ?assertEqual(4, 2 + 2).
list_test() -> ?assert(lists:member(b, [a, b])).
match_test() -> ?assertMatch({ok, _}, {ok, 1}).
main() -> eunit:test(?MODULE).
