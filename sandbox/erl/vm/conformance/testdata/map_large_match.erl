-module(map_large_match).
-export([main/0]).
%% Map patterns and multi-key := updates on large maps.
main() ->
    M = maps:from_list([{{k, I}, I} || I <- lists:seq(1, 100)]),
    #{{k, 5} := Five, {k, 99} := NinetyNine} = M,
    io:format("~w ~w~n", [Five, NinetyNine]),
    R = case M of
            #{{k, 101} := _} -> found;
            #{{k, 100} := X} when X > 50 -> {big, X}
        end,
    io:format("~w~n", [R]),
    N = M#{{k, 1} := a, {k, 2} := b, {k, 3} => c, {k, 200} => d},
    io:format("~w ~w~n", [map_size(N), [maps:get({k, I}, N) || I <- [1, 2, 3, 200]]]),
    F = fun(#{{k, 10} := V}) -> V; (_) -> none end,
    io:format("~w ~w~n", [F(M), F(maps:remove({k, 10}, M))]),
    M#{{k, 0} := zero}.
