-module(map_large_compare).
-export([main/0]).
%% Large maps compare by size, then keys in term order, then values in
%% key order, whatever their internal order; == compares values numerically.
main() ->
    A = maps:from_list([{I, I} || I <- lists:seq(1, 40)]),
    B = lists:foldl(fun(I, M) -> M#{I => I} end, #{}, lists:seq(40, 1, -1)),
    F = maps:from_list([{I, float(I)} || I <- lists:seq(1, 40)]),
    C = A#{40 := 41},
    D = maps:remove(40, A#{41 => 40}),
    K = maps:from_list([{float(I), I} || I <- lists:seq(1, 40)]),
    io:format("~w ~w ~w ~w~n", [A =:= B, A == F, A =:= F, A < F]),
    io:format("~w ~w ~w ~w~n", [A < C, C < A, A < D, D < A]),
    io:format("~w ~w ~w~n", [A == K, A < K, maps:remove(1, A) < A]),
    io:format("~w~n", [[map_size(X) || X <- lists:sort([C, D, A, maps:remove(3, A), #{a => 1}])]]),
    io:format("~w~n", [lists:sort([C, A, D]) =:= [A, C, D]]),
    lists:usort([A, B, F, C]) =:= [A, F, C].
