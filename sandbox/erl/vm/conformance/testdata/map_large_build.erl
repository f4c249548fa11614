-module(map_large_build).
-export([main/0]).
%% Maps of more than 32 keys are hash tries in BEAM: they print and list
%% in the trie's order, not key order; the switch happens at the 33rd key.
main() ->
    M32 = lists:foldl(fun(I, A) -> A#{I => I * I} end, #{}, lists:seq(32, 1, -1)),
    M33 = M32#{33 => 1089},
    io:format("~w~n~w~n", [maps:keys(M32), maps:keys(M33)]),
    M = lists:foldl(fun(I, A) -> maps:put(I, -I, A) end, #{}, lists:seq(1, 100)),
    io:format("~w~n", [M]),
    io:format("~p~n", [maps:from_list([{I, {I}} || I <- lists:seq(1, 40)])]),
    io:format("~w~n~w~n", [maps:keys(M), maps:values(M)]),
    io:format("~w~n", [lists:sublist(maps:to_list(M), 10)]),
    io:format("~w~n", [binary_to_list(term_to_binary(maps:from_list([{I, x} || I <- lists:seq(1, 34)])))]),
    {map_size(M), maps:get(77, M), maps:find(101, M), maps:is_key(50, M)}.
