-module(map_large_merge).
-export([main/0]).
%% maps:merge/2 with large maps: the second map's values win, and the
%% result iterates in BEAM's order whichever way it was built.
main() ->
    A = maps:from_list([{I, a} || I <- lists:seq(1, 60)]),
    B = maps:from_list([{I, b} || I <- lists:seq(41, 100)]),
    S = #{1 => s, 200 => s},
    AB = maps:merge(A, B),
    io:format("~w~n", [AB]),
    io:format("~w ~w~n", [map_size(AB), maps:merge(B, A) =:= AB]),
    io:format("~w~n", [maps:to_list(maps:merge(A, S))]),
    io:format("~w~n", [maps:keys(maps:merge(S, A))]),
    Small = maps:merge(#{x => 1}, maps:from_list([{I, I} || I <- lists:seq(1, 31)])),
    io:format("~w~n", [Small]),
    maps:merge_with(fun(_K, V1, V2) -> {V1, V2} end, maps:with([40, 41, 42, 43], A), maps:with([42, 43, 44], B)).
