-module(eunit_helper_stack).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a failure inside a helper function shows the helper and the test in the stack.

check(X) -> ?assert(X > 10), ok.
helper_test() -> check(5), ok.
main() -> eunit:test(?MODULE).
