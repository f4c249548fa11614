-module(float_badarith).
-export([main/0]).
%% Float division by zero is badarith.
main() ->
    X = zero(),
    1.0 / X.

zero() -> 0.0.
