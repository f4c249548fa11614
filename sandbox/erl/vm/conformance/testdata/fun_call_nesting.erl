-module(fun_call_nesting).
-export([main/0]).
%% Body calls whose arguments and results are temporaries: nested calls
%% in arguments, a variable and a computed value side by side, a
%% variable bound inside an argument, closures with an environment,
%% results that stay live across later calls, and deep body recursion.
id(X) -> X.
add(A, B) -> A + B.
three(A, B, C) -> {A, B, C}.
len([]) -> 0;
len([_ | T]) -> 1 + len(T).
sum(L) -> lists:foldl(fun add/2, 0, L).
zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)];
zip([], []) -> [].
main() ->
    X = 5,
    K = 100,
    F = fun(V) -> V * K + X end,
    G = fun(A, B) -> [F(A), F(B) | id(A + B)] end,
    R1 = three(id(X), add(id(X), X + 1), add(X * 2, id(X))),
    R2 = {add(X, X + 1), add(X + 1, X), three(X, X + 1, id(X + 2))},
    R3 = [add(id(1), id(2)), F(id(3)), F(F(1)) | G(1, 2)],
    R4a = three(Y = id(7), id(8), add(id(1), 2)),
    R4 = {R4a, add(Y, id(Y))},
    R5 = add(len(lists:seq(1, 1000)), sum(lists:map(F, lists:seq(1, 300)))),
    R6 = zip(lists:map(fun(I) -> F(I) + X end, [1, 2, 3]), [a, b, c]),
    R7 = [{A, F(A), G(A, A)} || A <- [1, 2], id(A) > 0],
    R8 = len(lists:map(fun(I) -> {I, K} end, lists:seq(1, 100000))),
    {R1, R2, R3, R4, R5, R6, R7, R8, Y, X, K}.
