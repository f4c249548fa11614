-module(fmt_p_w).
-export([main/0]).
%% ~p prints strings as strings; ~w prints the raw term.
main() ->
    T = {"str", [1, 2], <<"bin">>, 'Atom', [{k, "v"}], 3.0},
    io:format("~p~n~w~n", [T, T]),
    io:format("~p ~w ~p~n", ["", "", [[]]]),
    ok.
