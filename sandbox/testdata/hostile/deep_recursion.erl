%% 100 million nested non-tail calls: the stack grows until memory runs out.
-module(deep_recursion).
-export([main/0]).
main() -> down(100000000).
down(0) -> 0;
down(N) -> 1 + down(N - 1).
