-module(guard_bifs).
-export([main/0]).
%% BIFs allowed in guards.
main() ->
    [g(X) || X <- [[1, 2, 3], {a, b}, <<1, 2>>, #{k => 1}, -5, 2.5]].

g(L) when length(L) > 2, hd(L) =:= 1, tl(L) == [2, 3] -> list3;
g(T) when tuple_size(T) =:= 2, element(1, T) =:= a, size(T) == 2 -> pair_a;
g(B) when byte_size(B) =:= 2, bit_size(B) =:= 16, binary_part(B, 0, 1) =:= <<1>> -> bin2;
g(M) when map_size(M) =:= 1, map_get(k, M) =:= 1, is_map_key(k, M) -> map_k;
g(N) when abs(N) =:= 5, -N rem 3 =:= 2, N band 1 =:= 1, N div 2 =:= -2, node() =:= nonode@nohost -> neg5;
g(F) when trunc(F) =:= 2, round(F) =:= 3, float(F) =:= 2.5, ceil(F) =:= 3, floor(F) =:= 2 -> f25.
