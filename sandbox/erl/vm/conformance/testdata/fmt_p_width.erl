-module(fmt_p_width).
-export([main/0]).
%% ~p with a field width and column arguments.
main() ->
    io:format("~10p|~n", [abc]),
    io:format("~40p~n", [lists:seq(1, 25)]),
    io:format("~p~n", [lists:seq(100, 125)]),
    ok.
