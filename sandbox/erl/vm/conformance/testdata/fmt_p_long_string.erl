-module(fmt_p_long_string).
-export([main/0]).
%% Long strings and strings with newlines under ~p.
main() ->
    S = lists:flatten(lists:duplicate(12, "lorem ipsum ")),
    io:format("~p~n", [S]),
    io:format("~p~n", [{text, "first line\nsecond line\nthird line that is longer than the rest of them"}]),
    io:format("~p~n", [[S, S]]),
    ok.
