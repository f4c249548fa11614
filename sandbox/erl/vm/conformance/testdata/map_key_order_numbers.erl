-module(map_key_order_numbers).
-export([main/0]).
%% Map keys print in term order, except that integers come before floats.
main() ->
    M = #{1.0 => a, 2 => b, 0.5 => c, 3 => d, -1.5 => e, -7 => f, z => g},
    io:format("~p~n~w~n", [M, M]),
    {maps:keys(M), maps:to_list(M), lists:sort(maps:keys(M))}.
