-module(badarg_binary_to_atom_existing).
-export([main/0]).
%% binary_to_existing_atom of an atom that does not exist is badarg.
main() ->
    binary_to_existing_atom(<<"surely_no_such_atom_exists_xyz">>, utf8).
