-module(int_overflow).
-export([main/0]).
%% Crossing the machine-word boundary in both directions.
main() ->
    Max = 16#7FFFFFFFFFFFFFFF,
    Min = -16#8000000000000000,
    [Max + 1, Min - 1, Max * Max, (Max + 1) - 1 =:= Max, -Min, Max * 2 div 2,
     1 bsl 59, 1 bsl 60, 1 bsl 63, 1 bsl 64, (1 bsl 64) - 1, -(1 bsl 64)].
