-module(eunit_generator_fail).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a failing test inside a generator, and its description.

gen_test_() ->
    [{"adds", ?_assertEqual(5, 2 + 2)},
     ?_assertEqual(ok, ok)].
main() -> eunit:test(?MODULE).
