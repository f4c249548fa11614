%% Prints for ever.
-module(output_flood).
-export([main/0]).
main() -> io:format("flooding the output with one line after another~n"), main().
