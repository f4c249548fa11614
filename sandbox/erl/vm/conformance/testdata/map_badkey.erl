-module(map_badkey).
-export([main/0]).
%% Updating a key that is absent with := is {badkey,K}.
main() ->
    M = #{a => 1},
    M#{nokey := 1}.
