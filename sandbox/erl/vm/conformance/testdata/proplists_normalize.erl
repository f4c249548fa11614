-module(proplists_normalize).
-export([main/0]).
%% proplists: aliases, negations, expansion and splitting.
main() ->
    P = [color, {no_debug, true}, {size, 2}, verbose],
    [proplists:substitute_aliases([{color, colour}], P),
     proplists:substitute_negations([{no_debug, debug}], [no_debug, {no_debug, false}]),
     proplists:expand([{verbose, [{log, 3}, trace]}], P),
     proplists:normalize(P, [{aliases, [{color, colour}]}, {negations, [{no_debug, debug}]}]),
     proplists:split([{a, 1}, {b, 2}, c, {a, 3}], [a, c])].
