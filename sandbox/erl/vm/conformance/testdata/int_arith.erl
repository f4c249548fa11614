-module(int_arith).
-export([main/0]).
%% Integer +, -, *, div and rem, including negative operands.
main() ->
    Ops = [{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}],
    [{A + B, A - B, A * B, A div B, A rem B} || {A, B} <- Ops].
