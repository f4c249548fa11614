-module(bin_bifs).
-export([main/0]).
%% Binary BIFs: conversions, iolists, parts.
main() ->
    B = <<"hello world">>,
    [binary_to_list(B), binary_to_list(B, 1, 5), list_to_binary([<<"a">>, "bc", [$d, [<<"e">>]]]),
     binary_part(B, 6, 5), binary_part(B, {11, -5}), split_binary(B, 5),
     iolist_size([1, <<2, 3>>, [4 | <<5>>]]), iolist_to_binary(["x", <<"y">>, $z]),
     list_to_bitstring([<<1:3>>, <<2:5>>]), bitstring_to_list(<<1, 2:3>>),
     erlang:binary_to_term(erlang:term_to_binary({a, [1, "x"], 2.5}))].
