-module(eunit_output).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit captures what tests print: shown for a failing test, dropped for a passing one.

quiet_test() -> io:format("passing tests print nothing~n").
loud_test() -> io:format("about to fail: ~p~n", [{x, 1}]), ?assert(false).
main() ->
    io:format("before~n"),
    R = eunit:test(?MODULE),
    io:format("after~n"),
    R.
