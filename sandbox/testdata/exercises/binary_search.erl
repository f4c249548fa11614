%% Exercise: binary search in a sorted tuple.
-module(binary_search).
-export([find/2]).
-include_lib("eunit/include/eunit.hrl").
find(T, X) -> find(T, X, 1, tuple_size(T)).
find(_, _, Lo, Hi) when Lo > Hi -> not_found;
find(T, X, Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    case element(Mid, T) of
        X -> {ok, Mid};
        Y when Y < X -> find(T, X, Mid + 1, Hi);
        _ -> find(T, X, Lo, Mid - 1)
    end.
found_test() -> ?assertEqual({ok, 4}, find({1, 3, 4, 6, 8, 9, 11}, 6)).
first_last_test() -> [?assertEqual({ok, 1}, find({1, 3, 5}, 1)), ?assertEqual({ok, 3}, find({1, 3, 5}, 5))].
missing_test() -> ?assertEqual(not_found, find({1, 3, 5}, 4)).
empty_test() -> ?assertEqual(not_found, find({}, 1)).
