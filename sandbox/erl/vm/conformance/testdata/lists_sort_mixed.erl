-module(lists_sort_mixed).
-export([main/0]).

%% lists:sort/1 over mixed types and a non-list argument.
main() ->
    L = [b, 3, 1.5, "s", {t}, 1, <<"bin">>, [], #{a => 1}, -2, a, 2.5, {a, b}, 7],
    io:format("~p~n", [lists:sort(L)]),
    io:format("~p~n", [lists:sort(lists:seq(20, 1, -3) ++ lists:seq(1, 20, 4))]),
    io:format("~p~n", [lists:sort([])]),
    lists:sort(not_a_list).
