-module(atom_conv).
-export([main/0]).
%% Conversions between atoms, strings and binaries.
main() ->
    [atom_to_list(hello), atom_to_list('with space'), list_to_atom("abc"), list_to_atom("A b"),
     atom_to_binary(ok), atom_to_binary(ok, utf8), binary_to_atom(<<"xyz">>),
     binary_to_atom(<<"q">>, latin1), list_to_existing_atom("ok"),
     binary_to_existing_atom(<<"error">>, utf8), atom_to_list('é'), atom_to_binary('é')].
