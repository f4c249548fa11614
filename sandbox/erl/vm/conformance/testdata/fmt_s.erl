-module(fmt_s).
-export([main/0]).
%% ~s with strings, binaries, atoms and iolists, width and precision.
main() ->
    io:format("[~s] [~s] [~s] [~s]~n", ["abc", <<"bin">>, atom, [$i, "o", <<"l">>]]),
    io:format("[~10s] [~-10s] [~.2s] [~10.2s] [~-6.3s]~n", ["abc", "abc", "abc", "abc", "abcdef"]),
    io:format("[~5s] [~.5s]~n", ["toolongvalue", "toolongvalue"]),
    io:format("[~10.3.*s]~n", [$x, "abcdef"]),
    ok.
