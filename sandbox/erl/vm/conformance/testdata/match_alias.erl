-module(match_alias).
-export([main/0]).
%% = inside patterns binds the whole and its parts.
main() ->
    {A, B} = T = {1, 2},
    [H | _] = L = "hey",
    {c, D} = {c, _} = {c, 3},
    #{k := V} = M = #{k => v},
    {A, B, T, H, L, D, V, M, f({p, q})}.

f({X, Y} = Whole) -> {Whole, Y, X}.
