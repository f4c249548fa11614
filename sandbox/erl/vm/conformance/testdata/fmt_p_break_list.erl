-module(fmt_p_break_list).
-export([main/0]).
%% A long list breaks at 80 columns, aligned after the bracket.
main() ->
    io:format("~p~n", [lists:seq(1, 60)]),
    io:format("~p~n", [[list_to_atom([C, C, C]) || C <- lists:seq($a, $z)]]),
    io:format("~p~n", [[{I, I * I} || I <- lists:seq(1, 20)]]),
    ok.
