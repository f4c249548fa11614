-module(eunit_mf).
-export([main/0, check/0, gen/0]).
-include_lib("eunit/include/eunit.hrl").
%% {M, F} test representations and {generator, F}.

check() -> ?assertEqual(a, a).
gen() -> [?_test(ok), ?_test(ok)].
main() ->
    A = eunit:test({?MODULE, check}),
    B = eunit:test({generator, ?MODULE, gen}),
    C = eunit:test({generator, fun gen/0}),
    {A, B, C}.
