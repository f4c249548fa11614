-module(maps_get_badkey).
-export([main/0]).
%% maps:get/2 on an absent key.
main() ->
    maps:get(x, #{y => 1}).
