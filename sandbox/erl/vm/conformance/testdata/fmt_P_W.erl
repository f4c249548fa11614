-module(fmt_P_W).
-export([main/0]).
%% ~P and ~W limit the printing depth.
main() ->
    T = {a, [1, 2, 3, 4, 5, 6], {b, {c, {d, e}}}, "string", <<1, 2, 3, 4>>, #{k => v, l => w}},
    io:format("~P~n~W~n", [T, 3, T, 3]),
    io:format("~P~n~W~n", [T, 5, T, 5]),
    io:format("~P~n", [lists:seq(1, 20), 6]),
    ok.
