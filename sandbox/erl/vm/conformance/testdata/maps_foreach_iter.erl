-module(maps_foreach_iter).
-export([main/0]).
%% maps:foreach/2 and explicit iterators.
main() ->
    M = #{one => 1, two => 2, three => 3},
    maps:foreach(fun(K, V) -> io:format("~p=~p~n", [K, V]) end, M),
    I = maps:iterator(M),
    walk(maps:next(I), []).

walk(none, Acc) -> lists:reverse(Acc);
walk({K, V, I}, Acc) -> walk(maps:next(I), [{K, V} | Acc]).
