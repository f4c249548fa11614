-module(fun_named).
-export([main/0]).
%% Named funs can call themselves.
main() ->
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    Fib = fun Fib(0) -> 0; Fib(1) -> 1; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    {Fact(20), Fib(20), [Fact(I) || I <- lists:seq(0, 5)]}.
