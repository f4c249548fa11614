-module(order_numbers).
-export([main/0]).
%% Integers and floats compare by value; sort is stable between equal numbers.
main() ->
    [lists:sort([3, 2.0, 1, 2, 1.0, 0.5, -1 bsl 65, 1 bsl 65, 1.0e30]),
     1 < 2.0, 2.0 < 2, 2 =< 2.0, 1.0e30 > 1 bsl 65, lists:max([1, 1.0]), lists:min([1.0, 1]),
     lists:usort([1, 1.0, 2, 2.0]), 0.0 == -0.0, 0.0 =:= -0.0].
