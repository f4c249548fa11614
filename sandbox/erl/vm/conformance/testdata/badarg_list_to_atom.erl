-module(badarg_list_to_atom).
-export([main/0]).
%% list_to_atom of something that is not a string is badarg.
main() ->
    list_to_atom([a, b]).
