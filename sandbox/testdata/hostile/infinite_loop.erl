%% Never returns: a tail-recursive loop that allocates nothing.
-module(infinite_loop).
-export([main/0]).
main() -> loop(0).
loop(N) -> loop(N + 1).
