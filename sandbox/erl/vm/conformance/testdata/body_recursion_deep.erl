-module(body_recursion_deep).
-export([main/0]).
%% Body recursion 200,000 deep works (the stack grows on the heap).
main() ->
    L = build(200000),
    {length(L), sum(L), hd(L), lists:last(L)}.

build(0) -> [];
build(N) -> [N | build(N - 1)].

sum([]) -> 0;
sum([H | T]) -> H + sum(T).
