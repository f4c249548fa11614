-module(map_key_exact).
-export([main/0]).
%% Map keys match exactly: 1 and 1.0 are different keys.
main() ->
    M = #{1 => int, 1.0 => float},
    [maps:get(1, M), maps:get(1.0, M), map_size(M), #{1 => a} == #{1.0 => a},
     #{1 => a} =:= #{1 => a}, maps:is_key(1.0, #{1 => x}), is_map_key(a, #{a => 1})].
