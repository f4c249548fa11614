-module(eunit_repr_direct).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit:test on test representations given directly.

main() ->
    A = eunit:test(fun() -> ok end),
    B = eunit:test([fun() -> ok end, {"named", fun() -> ok end}]),
    C = eunit:test({"failing", fun() -> ?assert(false) end}),
    {A, B, C}.
