-module(lists_zip).
-export([main/0]).
%% lists: zipping and unzipping.
main() ->
    [lists:zip([1, 2, 3], [a, b, c]), lists:zip3([1, 2], [a, b], ["x", "y"]), lists:unzip([{1, a}, {2, b}]),
     lists:unzip3([{1, a, x}, {2, b, y}]), lists:zipwith(fun(X, Y) -> X * Y end, [1, 2, 3], [4, 5, 6]),
     lists:zipwith3(fun(X, Y, Z) -> X + Y + Z end, [1, 2], [3, 4], [5, 6]), lists:zip([], [])].
