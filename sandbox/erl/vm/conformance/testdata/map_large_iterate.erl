-module(map_large_iterate).
-export([main/0]).
%% fold, map, filter, foreach and iterators visit a large map in BEAM's
%% iteration order (maps:keys/1 lists the reverse of it).
main() ->
    M = maps:from_list([{I, I * 2} || I <- lists:seq(1, 50)]),
    Fold = maps:fold(fun(K, _, A) -> [K | A] end, [], M),
    io:format("~w~n", [Fold]),
    io:format("~w~n", [lists:reverse(Fold) =:= maps:keys(M)]),
    maps:foreach(fun(K, V) when K rem 7 =:= 0 -> io:format("~w=~w ", [K, V]); (_, _) -> ok end, M),
    io:format("~n"),
    io:format("~w~n", [maps:map(fun(K, V) -> K + V end, M)]),
    io:format("~w~n", [maps:filter(fun(K, _) -> K rem 3 =:= 0 end, M)]),
    io:format("~w~n", [maps:filtermap(fun(K, V) when K > 40 -> {true, V}; (_, _) -> false end, M)]),
    I0 = maps:iterator(M),
    {K1, V1, I1} = maps:next(I0),
    {K2, V2, _} = maps:next(I1),
    io:format("~w ~w ~w ~w~n", [K1, V1, K2, V2]),
    io:format("~w~n", [walk(maps:next(I1), 0)]),
    maps:fold(fun(K, V, A) -> A + K * V end, 0, maps:iterator(M)).

walk(none, N) -> N;
walk({_, _, I}, N) -> walk(maps:next(I), N + 1).
