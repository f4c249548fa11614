-module(map_update_order).
-export([main/0, id/1]).
%% A map update evaluates every key and value before it checks the base
%% and applies the pairs, literal keys in key order: which {badkey,K} and
%% {badmap,M} come out, and after which side effects.
id(X) -> X.

main() ->
    M = #{c => 1},
    io:format("~p~n", [err(fun() -> M#{a := io:format("x~n"), b := io:format("y~n")} end)]),
    io:format("~p~n", [err(fun() -> (id(notmap))#{a => io:format("z~n")} end)]),
    io:format("~p~n", [err(fun() -> M#{id(z) := 1, id(a) := 2} end)]),
    io:format("~p~n", [err(fun() -> M#{id(z) := 1, a := 2} end)]),
    io:format("~p~n", [err(fun() -> M#{z := 1, id(a) := 2} end)]),
    io:format("~p~n", [err(fun() -> M#{z := 1, y => 2, a := 2} end)]),
    io:format("~p~n", [err(fun() -> M#{y => 2, z := 1, c := 5, b := 2} end)]),
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 40)]),
    io:format("~p~n", [err(fun() -> Big#{50 := x, 45 := y, 1 := z} end)]),
    io:format("~p~n", [err(fun() -> #{a => io:format("1~n"), b => error(boom), c => io:format("3~n")} end)]),
    (id(M))#{c := 2, c := 3, d => 4, d => 5}.

err(F) ->
    try F() catch error:R -> R end.
