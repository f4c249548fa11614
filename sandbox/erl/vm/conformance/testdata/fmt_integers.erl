-module(fmt_integers).
-export([main/0]).
%% ~b ~B ~x ~X ~# ~+ with bases, widths and prefixes.
main() ->
    io:format("[~b] [~.2b] [~.16b] [~.16B] [~8.2.0B] [~.36B]~n", [42, 5, 255, 255, 5, 1295]),
    io:format("[~x] [~.16x] [~.16X] [~.2X]~n", [10, "p", 255, "0x", 255, "0x", 5, "#"]),
    io:format("[~#] [~.16#] [~.2#] [~+] [~.16+] [~.16+]~n", [10, 255, -5, 10, 255, -255]),
    io:format("[~w] [~10w] [~-10w] [~10.3w]~n", [-42, -42, -42, 12345]),
    io:format("[~.16b] [~b]~n", [-255, 1 bsl 70]),
    ok.
