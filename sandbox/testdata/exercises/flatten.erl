%% Exercise: flatten a deep list, dropping undefined.
-module(flatten).
-export([flatten/1]).
-include_lib("eunit/include/eunit.hrl").
flatten([]) -> [];
flatten([undefined | T]) -> flatten(T);
flatten([H | T]) when is_list(H) -> flatten(H) ++ flatten(T);
flatten([H | T]) -> [H | flatten(T)].
deep_test() -> ?assertEqual([1, 2, 3, 4, 5], flatten([1, [2, [3, [4]]], 5])).
undefined_test() -> ?assertEqual([0, 2, 5], flatten([0, undefined, [2, undefined], [[5]]])).
empty_test() -> ?assertEqual([], flatten([[], [[]], undefined])).
