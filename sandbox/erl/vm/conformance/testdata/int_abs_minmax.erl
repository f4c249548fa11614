-module(int_abs_minmax).
-export([main/0]).
%% abs/min/max and the number-rounding BIFs on integers and floats.
main() ->
    [abs(-3), abs(3), abs(-2.5), min(1, 2), max(1, 2), min(1, 1.0), max(1, 1.0),
     max(a, 1), min("a", a), trunc(2.7), trunc(-2.7), round(2.5), round(-2.5),
     round(3.4999), ceil(1.1), ceil(-1.1), floor(1.9), floor(-1.1), float(3), float(1 bsl 70)].
