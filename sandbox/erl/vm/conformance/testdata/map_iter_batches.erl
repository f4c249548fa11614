-module(map_iter_batches).
-export([main/0]).
%% maps:fold/map/filter/filtermap/foreach over a 1,000-key map, whole and
%% from iterators part-way through (across the iterator's batches), give
%% the pairs in BEAM's order; a broken iterator is a badarg or badmap.
main() ->
    M = maps:from_list([{I, I * 3} || I <- lists:seq(1, 1000)]),
    Order = maps:fold(fun(K, _, A) -> [K | A] end, [], M),
    io:format("~w~n", [lists:sublist(lists:reverse(Order), 40)]),
    io:format("~w~n", [lists:reverse(Order) =:= lists:reverse(maps:keys(M))]),
    lists:foreach(fun(Skip) -> from(M, Skip) end, [0, 1, 31, 32, 33, 255, 256, 257, 999, 1000]),
    io:format("~w~n", [maps:size(maps:map(fun(K, V) -> K + V end, M))]),
    io:format("~w~n", [lists:sum(maps:values(maps:filter(fun(K, _) -> K rem 7 =:= 0 end, M)))]),
    io:format("~w~n", [lists:sum(maps:keys(maps:filtermap(fun(K, V) when K > 900 -> {true, -V}; (_, _) -> false end, M)))]),
    Self = self(),
    maps:foreach(fun(K, V) when K rem 250 =:= 0 -> Self ! {K, V}; (_, _) -> ok end, M),
    io:format("~w~n", [lists:sort(flush())]),
    io:format("~w~n", [err(fun() -> maps:fold(fun(_, _, A) -> A end, 0, {1, 2, bad}) end)]),
    io:format("~w~n", [err(fun() -> maps:fold(fun(_, _, A) -> A end, 0, [-1 | M]) end)]),
    io:format("~w~n", [err(fun() -> maps:map(fun(_, V) -> V end, [a | M]) end)]),
    io:format("~w~n", [err(fun() -> maps:fold(fun(_, _, A) -> A end, 0, none) end)]),
    io:format("~w~n", [err(fun() -> maps:foreach(fun(_, _) -> ok end, {k, v, [0 | M]}) end)]),
    maps:fold(fun(K, V, A) -> A + K * V end, 0, maps:iterator(M)).

%% from(M, Skip): the rest of M's pairs after Skip calls of maps:next/1,
%% through each of fold, map, filter, filtermap and foreach.
from(M, Skip) ->
    I = skip(maps:iterator(M), Skip),
    Ks = maps:fold(fun(K, _, A) -> [K | A] end, [], I),
    Sum = maps:fold(fun(K, V, A) -> A + K * V end, 0, I),
    Mapped = maps:map(fun(_, V) -> V + 1 end, I),
    Filtered = maps:filter(fun(K, _) -> K rem 2 =:= 0 end, I),
    FM = maps:filtermap(fun(K, V) -> K rem 3 =:= 0 andalso {true, V} end, I),
    put(n, 0),
    maps:foreach(fun(_, _) -> put(n, get(n) + 1) end, I),
    io:format("~w: ~w ~w ~w ~w ~w ~w ~w~n",
              [Skip, length(Ks), lists:sublist(Ks, 3), Sum, maps:size(Mapped),
               maps:size(Filtered), maps:size(FM), get(n)]).

skip(I, 0) -> I;
skip(I, N) ->
    case maps:next(I) of
        {_, _, I2} -> skip(I2, N - 1);
        none -> none
    end.

%% err(F): F's result, or the class and the head of the reason it raised.
err(F) ->
    try F()
    catch C:{R, _} -> {C, R};
          C:R -> {C, R}
    end.

flush() ->
    receive X -> [X | flush()] after 0 -> [] end.
