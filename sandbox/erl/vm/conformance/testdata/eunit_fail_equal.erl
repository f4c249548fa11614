-module(eunit_fail_equal).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a failing assertEqual: the failure is reported with expected and value.

good_test() -> ok.
bad_test() -> ?assertEqual(3, length([a, b])).
main() -> eunit:test(?MODULE).
