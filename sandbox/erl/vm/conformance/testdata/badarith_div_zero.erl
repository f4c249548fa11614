-module(badarith_div_zero).
-export([main/0]).
%% Integer division by zero is badarith.
main() ->
    X = zero(),
    {7 div X}.

zero() -> 0.
