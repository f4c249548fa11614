-module(error_deep_stack).
-export([main/0]).
%% Body calls leave frames in the stack trace; each names its line.
main() ->
    {a(1)}.

a(N) -> {b(N)}.
b(N) -> {c(N)}.
c(N) -> X = element(N + 5, {x}), {X}.
