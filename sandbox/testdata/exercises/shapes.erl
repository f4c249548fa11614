%% Exercise: areas and perimeters of shapes as records.
-module(shapes).
-export([area/1, perimeter/1]).
-include_lib("eunit/include/eunit.hrl").
-record(circle, {r}).
-record(rect, {w, h}).
-record(square, {side}).
area(#circle{r = R}) -> math:pi() * R * R;
area(#rect{w = W, h = H}) -> W * H;
area(#square{side = S}) -> S * S.
perimeter(#circle{r = R}) -> 2 * math:pi() * R;
perimeter(#rect{w = W, h = H}) -> 2 * (W + H);
perimeter(#square{side = S}) -> 4 * S.
area_test() ->
    ?assertEqual(12, area(#rect{w = 3, h = 4})),
    ?assertEqual(9, area(#square{side = 3})),
    ?assert(abs(area(#circle{r = 1}) - 3.14159) < 0.0001).
perimeter_test() -> ?assertEqual(14, perimeter(#rect{w = 3, h = 4})).
sum_test() ->
    Shapes = [#rect{w = 1, h = 2}, #square{side = 2}],
    ?assertEqual(6, lists:sum([area(S) || S <- Shapes])).
