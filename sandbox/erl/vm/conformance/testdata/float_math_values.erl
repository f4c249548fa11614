-module(float_math_values).
-export([main/0]).

%% The math module over a spread of arguments: the printed shortest digits
%% show any result that is not the correctly rounded one.
main() ->
    Xs = [0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0, 100.0, 0.001, 7.3, -1.7, 0.75, 1.0e-8, 123.456, -0.3],
    One = [sin, cos, tan, atan, tanh],
    Small = [exp, sinh, cosh],
    Pos = [log, log2, log10, sqrt],
    [[{F, [math:F(X) || X <- Xs]} || F <- One],
     [{F, [math:F(X / 10) || X <- Xs]} || F <- Small],
     [{F, [math:F(abs(X)) || X <- Xs]} || F <- Pos],
     [{F, [math:F(X / 1000) || X <- Xs]} || F <- [asin, acos]],
     {pow, [math:pow(abs(X), 1.37) || X <- Xs] ++ [math:pow(-2.0, 3), math:pow(3, -2), math:pow(1.1, 100)]},
     {atan2, [math:atan2(X, 0.7) || X <- Xs] ++ [math:atan2(1.0, -X) || X <- Xs]}].
