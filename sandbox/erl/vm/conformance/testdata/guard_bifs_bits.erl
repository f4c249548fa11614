-module(guard_bifs_bits).
-export([main/0]).
%% Bitwise operators, not, self/0 and is_function/2 in guards.
main() ->
    [g(X) || X <- [5, 8, -1, 6]] ++ [h(fun(A, B) -> A + B end), h(fun(A) -> A end), h(self()), n(false), n(x)].

g(X) when X band 1 =:= 1, X bor 2 =:= 7, X bxor 1 =:= 4 -> five;
g(X) when X bsl 1 =:= 16, X bsr 3 =:= 1 -> eight;
g(X) when bnot X =:= 0 -> minus_one;
g(_) -> other.

h(F) when is_function(F, 2) -> arity2;
h(F) when is_function(F) -> some_fun;
h(P) when P =:= self() -> me.

n(X) when not X -> negated;
n(_) -> not_boolean_false.
