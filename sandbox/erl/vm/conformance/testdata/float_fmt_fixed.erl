-module(float_fmt_fixed).
-export([main/0]).
%% ~f, ~e and ~g with precision and width.
main() ->
    Fs = [3.14159, -2.5, 0.0, 1.0e10, 1.0e-10, 123.456, 0.5],
    [io:format("[~f] [~.2f] [~10.3f] [~-10.1f] [~e] [~.3e] [~g] [~.3g]~n", [F, F, F, F, F, F, F, F])
     || F <- Fs],
    io:format("[~.1f] [~.1f] [~12.4e]~n", [2.5, 0.05, -0.000123]),
    ok.
