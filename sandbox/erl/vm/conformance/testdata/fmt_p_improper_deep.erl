-module(fmt_p_improper_deep).
-export([main/0]).
%% ~p of improper lists and nested empty containers.
main() ->
    io:format("~p~n", [[1, [2 | 3], [[]], {}, #{}, <<>>, [a | {b}]]]),
    io:format("~p~n", [[lists:seq(1, 30) | tail_atom]]),
    ok.
