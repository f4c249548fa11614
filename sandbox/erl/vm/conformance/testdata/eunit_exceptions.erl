-module(eunit_exceptions).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% assertError, assertExit, assertThrow, assertException pass and fail.

error_ok_test() -> ?assertError(badarith, 1 / zero()).
exit_ok_test() -> ?assertExit(bye, exit(bye)).
throw_ok_test() -> ?assertThrow({t, 1}, throw({t, 1})).
exc_ok_test() -> ?assertException(error, {badmatch, _}, 1 = zero()).
nothing_raised_test() -> ?assertThrow(x, ok).
zero() -> 0.
main() -> eunit:test(?MODULE).
