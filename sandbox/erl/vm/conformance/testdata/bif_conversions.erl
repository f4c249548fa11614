-module(bif_conversions).
-export([main/0]).
%% Type conversion BIFs.
main() ->
    [list_to_tuple("ab"), tuple_to_list({1, {2}}), integer_to_list(-17), list_to_integer("0042"),
     float_to_list(0.5), list_to_float("3.25"), atom_to_list(x), list_to_atom("y z"), binary_to_list(<<"b">>),
     list_to_binary("s"), term_to_binary(abc) =:= term_to_binary(abc), binary_to_term(term_to_binary([1, 2.5, "x"])),
     integer_to_list(7, 2), number_to_list(3), erlang:list_to_integer("-0")].

number_to_list(N) -> integer_to_list(N).
