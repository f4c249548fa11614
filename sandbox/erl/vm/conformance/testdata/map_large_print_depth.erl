-module(map_large_print_depth).
-export([main/0]).
%% ~P and ~W with a depth limit on a large map take the pairs in BEAM's
%% iteration order, as io_lib's limit_map does.
main() ->
    M = maps:from_list([{I, {I, [I]}} || I <- lists:seq(1, 40)]),
    io:format("~P~n", [M, 6]),
    io:format("~W~n", [M, 4]),
    io:format("~P~n", [#{big => M, small => #{a => 1}}, 5]),
    lists:flatten(io_lib:format("~p", [maps:from_list([{I, x} || I <- lists:seq(1, 33)])])).
