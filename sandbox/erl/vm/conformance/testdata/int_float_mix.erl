-module(int_float_mix).
-export([main/0]).
%% Mixed integer/float arithmetic and comparisons.
main() ->
    [1 + 1.0, 3 * 0.5, 7 / 2, 6 / 3, -7 / 2, 1 == 1.0, 1 =:= 1.0, 1 /= 1.0, 1 =/= 1.0,
     1 < 1.5, 2 > 1.5, (1 bsl 80) + 0.5, (1 bsl 53) + 1.0, 10 / 4.0, 2.0 * (1 bsl 64)].
