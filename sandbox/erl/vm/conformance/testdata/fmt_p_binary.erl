-module(fmt_p_binary).
-export([main/0]).
%% Binaries under ~p: printable, not printable, long.
main() ->
    io:format("~p~n", [<<"hello">>]),
    io:format("~p~n", [<<1, 2, 3>>]),
    io:format("~p~n", [list_to_binary(lists:seq(1, 100))]),
    io:format("~p~n", [list_to_binary(lists:duplicate(20, "text "))]),
    io:format("~p~n", [<<"tab\tnewline\n">>]),
    io:format("~p~n", [{<<"key">>, <<0, 255>>, <<"é"/utf8>>}]),
    ok.
