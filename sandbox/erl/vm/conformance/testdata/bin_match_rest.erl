-module(bin_match_rest).
-export([main/0]).
%% binary, bytes and bits tails in patterns.
main() ->
    <<H, T/binary>> = <<"hello">>,
    <<P:2/binary, Q/bytes>> = <<"abcdef">>,
    <<R:3, S/bits>> = <<255, 1>>,
    <<U:5/bits, V/bitstring>> = <<2#10110011>>,
    {H, T, P, Q, R, S, U, V, bit_size(S), byte_size(V)}.
