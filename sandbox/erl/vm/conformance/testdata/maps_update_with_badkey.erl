-module(maps_update_with_badkey).
-export([main/0]).
%% maps:update_with/3 on an absent key raises {badkey,K} from maps.
main() ->
    maps:update_with(missing, fun erlang:abs/1, #{present => 1}).
