%% Exercise: transform legacy score data (score => letters) to letter => score.
-module(etl).
-export([transform/1]).
-include_lib("eunit/include/eunit.hrl").
transform(Old) ->
    maps:from_list([{string:lowercase(L), Score} || {Score, Ls} <- maps:to_list(Old), L <- Ls]).
single_test() -> ?assertEqual(#{"a" => 1}, transform(#{1 => ["A"]})).
several_test() ->
    ?assertEqual(#{"a" => 1, "e" => 1, "d" => 2, "g" => 2},
                 transform(#{1 => ["A", "E"], 2 => ["D", "G"]})).
