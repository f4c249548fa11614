-module(error_tail_frames).
-export([main/0]).
%% Tail calls leave no frame in the stack trace.
main() ->
    a(1).

a(N) -> b(N + 1).
b(N) -> c(N + 1).
c(N) -> {N, atom_to_list(N)}.
