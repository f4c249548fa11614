-module(map_large_from_list).
-export([main/0]).
%% maps:from_list of 1,000 keys (later duplicates win), binary and string
%% keys, and the external format of the result.
main() ->
    L = [{I rem 1000, I} || I <- lists:seq(1, 1500)],
    M = maps:from_list(L),
    io:format("~w ~w ~w~n", [map_size(M), maps:get(1, M), maps:get(999, M)]),
    io:format("~w~n", [lists:sublist(maps:keys(M), 40)]),
    io:format("~w~n", [lists:sublist(maps:to_list(M), 990, 11)]),
    Bin = maps:from_list([{<<I:16>>, I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [maps:keys(Bin)]),
    Str = maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 40)]),
    io:format("~p~n", [Str]),
    Fl = maps:from_list([{I / 8, I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [maps:keys(Fl)]),
    Keys = maps:from_keys(lists:seq(1, 50), 0),
    io:format("~w~n", [Keys]),
    Enc = term_to_binary(M),
    {byte_size(Enc), binary_to_term(Enc) =:= M, binary_part(Enc, 0, 40)}.
