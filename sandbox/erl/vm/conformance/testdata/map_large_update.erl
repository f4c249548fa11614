-module(map_large_update).
-export([main/0]).
%% Updating, removing and taking keys of a large map; old versions stay
%% as they were; falling back to 32 keys makes the map sorted again.
main() ->
    M = maps:from_list([{I, I} || I <- lists:seq(1, 60)]),
    U = M#{5 := five, 40 := forty, 60 := sixty},
    io:format("~w~n~w~n", [maps:get(5, M), maps:get(5, U)]),
    io:format("~w~n", [maps:to_list(maps:with([5, 40, 60, 61], U))]),
    R = lists:foldl(fun maps:remove/2, U, lists:seq(1, 27)),
    io:format("~w ~w~n", [map_size(R), maps:keys(R)]),
    R2 = maps:remove(28, R),
    io:format("~w ~w~n", [map_size(R2), maps:keys(R2)]),
    {V, T} = maps:take(40, U),
    io:format("~w ~w ~w~n", [V, map_size(T), maps:is_key(40, T)]),
    W = maps:without(lists:seq(2, 60, 2), M),
    io:format("~w~n", [W]),
    B = maps:update_with(7, fun(X) -> X * 100 end, M),
    io:format("~w ~w~n", [maps:get(7, B), maps:get(7, M)]),
    try maps:update(1000, x, M) catch error:E -> E end.
