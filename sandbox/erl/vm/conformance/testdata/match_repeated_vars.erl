-module(match_repeated_vars).
-export([main/0]).
%% A variable repeated in a pattern must match equal terms.
main() ->
    [same(1, 1), same(1, 2), same(1, 1.0), same({a}, {a}), pair({x, x}), pair({x, y}),
     firsts([{1, 1}, {2, 3}, {4, 4}])].

same(X, X) -> true;
same(_, _) -> false.

pair({A, A}) -> equal;
pair({_, _}) -> different.

firsts(L) -> [X || {X, X} <- L].
