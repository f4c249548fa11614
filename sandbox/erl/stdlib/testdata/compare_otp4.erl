%% The same comparison for io_lib (results flattened).
-module(compare_otp4).
-export([main/0]).
r(M, F, A) -> try {ok, lists:flatten(apply(M, F, A))} catch C:R -> {C, R} end.
rb(M, F, A) -> try {ok, apply(M, F, A)} catch C:R -> {C, R} end.
main() ->
    Flat = [{write, [{a, "b", [1.5, <<1>>]}]}, {write, [{a, {b, {c}}}, 2]}, {write, [[a, b, c], [{depth, 2}]]}, {write, ['é€', [{encoding, unicode}]]},
            {print, [{"x", [1, 2]}]}, {write_atom, ['a b']}, {write_atom, [ok]}, {write_string, ["q\"x\n\001é€"]}, {write_string, ["it's", $']},
            {write_latin1_string, ["é"]}, {write_char, [$a]}, {write_char, [$\s]}, {write_char, [$\n]}, {write_char, [8364]}, {write_latin1_char, [233]},
            {nl, []}, {fwrite, ["~p", [x]]}],
    Bools = [{printable_list, ["abc"]}, {printable_list, [[1, 2]]}, {printable_list, [[8364]]}, {printable_latin1_list, [[233]]}, {printable_unicode_list, [[8364]]},
             {printable_unicode_list, [[1]]}, {printable_list, [[]]}, {char_list, ["abc"]}, {char_list, [[a]]}, {deep_char_list, [["a", ["b"]]]},
             {deep_char_list, [["a", [b]]]}, {latin1_char_list, [[300]]}, {deep_latin1_char_list, [[[233]]]}, {chars_length, ["abc"]}, {chars_length, [[<<"ab">>, $c]]},
             {chars_length, [[8364, $a]]}],
    Bad = [{F, A, O, T} || {F, A} <- Flat, (O = r(xio_lib, F, A)) =/= (T = r(io_lib, F, A))]
       ++ [{F, A, O, T} || {F, A} <- Bools, (O = rb(xio_lib, F, A)) =/= (T = rb(io_lib, F, A))],
    [io:format("~w~n", [B1]) || B1 <- Bad],
    io:format("~p calls, ~p differ~n", [length(Flat) + length(Bools), length(Bad)]).
