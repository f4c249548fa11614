%% Records the order real OTP iterates large maps in, for map_test.go:
%% for each key set, the positions (1-based) of the keys in the order
%% maps:iterator/1 visits them. The key sets are rebuilt identically in Go.
%% Regenerate with ./gen_maporder.sh (needs erl).
-module(maporder).
-export([main/0]).

sets() ->
    [{ints, lists:seq(1, 1000)},
     {bigs, lists:seq(-500, -1) ++
          [(1 bsl 59) - 1, 1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1, 1 bsl 64,
           1 bsl 70, -(1 bsl 64), (1 bsl 128) + 7]},
     {floats, [I / 4 || I <- lists:seq(1, 100)] ++ [0.0, -1.5, 1.0e300, 1.0e-300]},
     {binaries, [<<I:16>> || I <- lists:seq(1, 100)] ++
          [<<"abcdefghijklmnop">>, <<1:3>>, <<>>, <<1,2,3,4,5,6,7,8,9,10,11,12,13>>,
           <<255,254,253:5>>]},
     {lists, [integer_to_list(I) || I <- lists:seq(1, 100)] ++
          [[], [1000, 1], {1, 2}, {}, "abcdefghi", [1, 2 | 3], [[1], 2], {1, {2, [3]}},
           [1000 | 1000], [300, 1, 2, 3, 4, 5]]},
     {maps, [#{I => I} || I <- lists:seq(1, 40)] ++
          [maps:from_list([{J, J} || J <- lists:seq(1, I)]) || I <- [33, 40]]}].

main() ->
    lists:foreach(
      fun({Name, Keys}) ->
              Pos = maps:from_list(lists:zip(Keys, lists:seq(1, length(Keys)))),
              M = maps:from_list([{K, x} || K <- Keys]),
              Order = [maps:get(K, Pos) || K <- iter(maps:iterator(M))],
              io:format("~s:~s~n", [Name, [[$\s, integer_to_list(P)] || P <- Order]])
      end, sets()).

iter(I) ->
    case maps:next(I) of
        none -> [];
        {K, _, Next} -> [K | iter(Next)]
    end.
