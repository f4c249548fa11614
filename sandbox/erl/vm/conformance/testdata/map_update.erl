-module(map_update).
-export([main/0]).
%% => adds or updates, := only updates.
main() ->
    M0 = #{a => 1},
    M1 = M0#{b => 2},
    M2 = M1#{a := 10},
    M3 = M2#{a => 11, c => 3},
    [M0, M1, M2, M3, maps:put(d, 4, M3), maps:get(a, M3), maps:find(c, M3), maps:find(z, M3),
     maps:get(z, M3, default), maps:remove(a, M3), maps:update(b, 20, M3)].
