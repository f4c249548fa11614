-module(fmt_padding).
-export([main/0]).
%% Padding characters, star arguments and left adjustment.
main() ->
    io:format("[~*w] [~-*w] [~.*f] [~*.*f]~n", [6, 42, 6, 42, 3, 2.5, 8, 2, 3.14159]),
    io:format("[~10..-w] [~-10.._w] [~5..0w] [~10.2.0f]~n", [x, y, 7, 3.14159]),
    io:format("[~3w] [~3s]~n", [12345, "abcdef"]),
    ok.
