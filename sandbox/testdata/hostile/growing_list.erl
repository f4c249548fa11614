%% Keeps every element of an ever-growing list alive.
-module(growing_list).
-export([main/0]).
main() -> grow(0, []).
grow(N, L) -> grow(N + 1, [{item, N} | L]).
