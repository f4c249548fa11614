-module(badarg_list_to_integer).
-export([main/0]).
%% list_to_integer of a non-number is badarg.
main() ->
    list_to_integer("12abc").
