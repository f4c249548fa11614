-module(eunit_tests_module).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit:test(M) also runs the tests in M_tests.

in_main_test() -> ok.

main() ->
    {module, _} = conformance_runner:load_source(eunit_tests_module_tests,
        "-module(eunit_tests_module_tests).\n-export([other_test/0, fails_test/0]).\n"
        "other_test() -> ok.\n"
        "fails_test() -> erlang:error({assert, [{module, eunit_tests_module_tests}, {line, 4}, {expression, \"false\"}, {expected, true}, {value, false}]}).\n"),
    eunit:test(?MODULE).
