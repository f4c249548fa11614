%% Keeps every element of an ever-growing list alive.
-module(growing_list).
-export([main/0]).
main() -> grow(0, []).
grow(N, L) -> grow(N + 1, [{item, N, N + 1, N + 2, N + 3, N + 4, N + 5, N + 6} | L]).
