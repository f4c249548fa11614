-module(map_badmap).
-export([main/0]).
%% Updating something that is not a map is {badmap,V}.
main() ->
    M = not_a_map(),
    M#{a => 1}.

not_a_map() -> [1, 2].
