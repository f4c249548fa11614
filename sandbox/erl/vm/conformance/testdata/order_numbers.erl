-module(order_numbers).
-export([main/0]).
%% Integers and floats compare by value (the order sort/1 gives to an
%% integer and a float that are == is unspecified, so none are sorted here).
main() ->
    [lists:sort([3, 2.0, 1, 0.5, -1 bsl 65, 1 bsl 65, 1.0e30, 2.5]),
     1 < 2.0, 2.0 < 2, 2 =< 2.0, 1.0e30 > 1 bsl 65, lists:max([1, 1.0]), lists:min([1.0, 1]),
     lists:usort([1, 1.0, 2, 2.0]), 0.0 == -0.0, 0.0 =:= -0.0].
