-module(eunit_helper_stack).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a failure inside a helper function: the report's stack starts in the helper.

check(X) -> ?assert(X > 10), X.
helper_test() -> Y = check(5), Y + 1.
main() -> eunit:test(?MODULE).
