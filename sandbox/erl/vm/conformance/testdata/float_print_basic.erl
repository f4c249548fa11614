-module(float_print_basic).
-export([main/0]).
%% Floats are printed in the shortest form that reads back exactly.
main() ->
    Fs = [1.0, 0.1, 0.2 + 0.1, 0.5, 1.5, 100.0, 1.0e10, 1.0e-5, 123456789012345680.0,
          3.14159, -2.5, 0.0, 1.0e15, 1.0e16, 1.0e17, 1.0e21, 1.0e22, 1.0e23, 12345.678,
          0.001, 0.0001, 1.0e-10, 2/3, 1/3, 100.0e3],
    io:format("~p~n", [Fs]),
    io:format("~w~n", [Fs]),
    length(Fs).
