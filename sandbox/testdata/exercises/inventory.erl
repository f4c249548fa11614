%% Exercise: an inventory in a map: add, remove, report low stock.
-module(inventory).
-export([add/3, remove/3, low/2]).
-include_lib("eunit/include/eunit.hrl").
add(Item, N, Inv) -> maps:update_with(Item, fun(C) -> C + N end, N, Inv).
remove(Item, N, Inv) ->
    case maps:find(Item, Inv) of
        {ok, C} when C > N -> {ok, Inv#{Item := C - N}};
        {ok, N} -> {ok, maps:remove(Item, Inv)};
        {ok, _} -> {error, not_enough};
        error -> {error, unknown_item}
    end.
low(Limit, Inv) -> lists:sort([I || {I, C} <- maps:to_list(Inv), C < Limit]).
flow_test() ->
    I1 = add(apple, 5, add(pear, 2, #{})),
    ?assertEqual(#{apple => 5, pear => 2}, I1),
    {ok, I2} = remove(apple, 3, I1),
    ?assertEqual(#{apple => 2, pear => 2}, I2),
    ?assertEqual({ok, #{apple => 2}}, remove(pear, 2, I2)),
    ?assertEqual({error, not_enough}, remove(apple, 9, I2)),
    ?assertEqual({error, unknown_item}, remove(kiwi, 1, I2)).
low_test() -> ?assertEqual([b, c], low(3, #{a => 5, b => 1, c => 2})).
