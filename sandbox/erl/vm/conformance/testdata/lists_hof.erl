-module(lists_hof).
-export([main/0]).
%% lists: higher-order functions.
main() ->
    L = lists:seq(1, 8),
    Even = fun(X) -> X rem 2 =:= 0 end,
    [lists:map(fun(X) -> X * 3 end, L), lists:filter(Even, L), lists:foldl(fun(X, A) -> [X | A] end, [], L),
     lists:foldr(fun(X, A) -> [X | A] end, [], L), lists:all(Even, L), lists:any(Even, L),
     lists:all(Even, []), lists:mapfoldl(fun(X, A) -> {X * 2, A + X} end, 0, L),
     lists:mapfoldr(fun(X, A) -> {A, A + X} end, 0, [1, 2, 3]),
     lists:filtermap(fun(X) when X > 5 -> {true, -X}; (X) -> X =:= 1 end, L),
     lists:flatmap(fun(X) -> [X, X] end, [a, b]), lists:partition(Even, L),
     lists:splitwith(fun(X) -> X < 4 end, L), lists:takewhile(fun(X) -> X < 4 end, L),
     lists:dropwhile(fun(X) -> X < 4 end, L), lists:zf(fun(X) -> X > 6 end, L),
     lists:foreach(fun(X) -> io:format("~p~n", [X]) end, [a, b]), lists:search(Even, L),
     lists:search(fun(X) -> X > 100 end, L)].
