-module(eunit_with).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% {with, X, Funs} and {setup, ..., {with, Funs}} style instantiation.

main() ->
    eunit:test({with, [1, 2, 3], [fun(L) -> ?assertEqual(3, length(L)) end,
                                   fun(L) -> ?assertEqual(6, lists:sum(L)) end,
                                   fun(L) -> ?assertMatch([_, _], L) end]}).
