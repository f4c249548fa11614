-module(eunit_let_if).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% the ?LET and ?IF macros.

let_test() -> ?assertEqual(9, ?LET(X, 3, X * X)).
if_test() -> ?assertEqual(yes, ?IF(1 < 2, yes, no)).
main() -> eunit:test(?MODULE).
