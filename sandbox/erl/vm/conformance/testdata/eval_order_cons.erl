-module(eval_order_cons).
-export([main/0]).
%% A list's elements are evaluated before its tail, first to last, so
%% lists:map applies its fun from the first element on.
p(X) -> io:format("~p ", [X]), X.
main() ->
    A = [p(1) | p(2)],
    B = [p(3), p(4) | p(5)],
    C = lists:map(fun p/1, [6, 7, 8]),
    D = lists:map(fun(X) -> p(X * 2) end, [9, 10]),
    io:format("~n"),
    {A, B, C, D}.
