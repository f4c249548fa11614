-module(fmt_p_column).
-export([main/0]).
%% ~p's continuation lines line up with where it started on the line.
main() ->
    L = [{key_number, N, lists:duplicate(N, $x)} || N <- lists:seq(1, 6)],
    io:format("short: ~p~n", [L]),
    io:format("a much longer prefix before it: ~p~n", [L]),
    io:format("~s~p~n", [lists:duplicate(40, $>), L]),
    ok.
