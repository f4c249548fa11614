-module(maps_functions).
-export([main/0]).
%% The maps module.
main() ->
    M = #{a => 1, b => 2, c => 3},
    [maps:map(fun(_K, V) -> V * 10 end, M),
     maps:filter(fun(K, _V) -> K =/= b end, M),
     maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M),
     maps:with([a, c, z], M), maps:without([a], M), maps:merge(M, #{c => 30, d => 4}),
     maps:from_list([{x, 1}, {y, 2}, {x, 3}]), maps:is_key(a, M), maps:size(M),
     maps:take(a, M), maps:take(z, M), maps:update_with(a, fun(V) -> V + 100 end, M),
     maps:update_with(z, fun(V) -> V end, 0, M), maps:filtermap(fun(_, V) when V > 1 -> {true, -V}; (_, _) -> false end, M),
     maps:intersect(M, #{a => x, d => y}), maps:merge_with(fun(_K, V1, V2) -> V1 + V2 end, M, #{a => 5}),
     maps:from_keys([p, q], 0), maps:groups_from_list(fun(X) -> X rem 2 end, [1, 2, 3, 4, 5]),
     maps:groups_from_list(fun(X) -> X rem 2 end, fun(X) -> X * X end, [1, 2, 3]),
     maps:keys(maps:new()), maps:get(b, M, none)].
