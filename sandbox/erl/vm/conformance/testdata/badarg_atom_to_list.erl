-module(badarg_atom_to_list).
-export([main/0]).
%% atom_to_list of a non-atom is badarg.
main() ->
    X = value(),
    atom_to_list(X).

value() -> 42.
