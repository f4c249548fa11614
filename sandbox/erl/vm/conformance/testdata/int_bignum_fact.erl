-module(int_bignum_fact).
-export([main/0]).
%% Factorial grows into bignums transparently.
main() ->
    [fact(N) || N <- [0, 1, 20, 21, 25, 50]].

fact(0) -> 1;
fact(N) -> N * fact(N - 1).
