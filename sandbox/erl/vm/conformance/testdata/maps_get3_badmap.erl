-module(maps_get3_badmap).
-export([main/0]).
%% maps:get/3 on something that is not a map raises {badmap,V}.
main() ->
    maps:get(k, not_a_map, default).
