-module(fmt_c).
-export([main/0]).
%% ~c prints a character, repeated by the field width.
main() ->
    io:format("[~c] [~3c] [~-3c] [~3.1c] [~tc]~n", [$a, $b, $c, $d, 8364]),
    ok.
