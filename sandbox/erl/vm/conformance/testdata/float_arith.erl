-module(float_arith).
-export([main/0]).
%% Float arithmetic, rounding BIFs and float/1.
main() ->
    [1.5 + 2.25, 0.1 * 3, 1.0 / 3.0, 10.0 - 0.1, -1.5 * -2.0, 2.0 / 0.5,
     trunc(1.0e20), round(1.0e20), ceil(2.0), floor(-0.5), float(7), 7 / 7,
     math:floor(2.5), math:ceil(2.5), math:fmod(7.5, 2.0), abs(-0.0)].
