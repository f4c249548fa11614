-module(system_limit_atom).
-export([main/0]).
%% An atom longer than 255 characters is a system_limit.
main() ->
    list_to_atom(lists:duplicate(256, $a)).
