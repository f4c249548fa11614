-module(lc_nested).
-export([main/0]).
%% Comprehensions nested in comprehensions; a permutation generator.
main() ->
    {[[X * Y || X <- [1, 2, 3]] || Y <- [1, 10]], perms([a, b, c]), pythag(20)}.

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

pythag(N) ->
    [{A, B, C} || A <- lists:seq(1, N), B <- lists:seq(A, N), C <- lists:seq(B, N), A * A + B * B =:= C * C].
