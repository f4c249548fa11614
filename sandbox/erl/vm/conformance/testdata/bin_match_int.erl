-module(bin_match_int).
-export([main/0]).
%% Matching integer segments: sizes, signedness, endianness.
main() ->
    Bin = <<1, 255, 0, 1, 1, 0, 255, 254, 16#80, 0, 0, 0>>,
    <<A, B/signed, C:16, D:16/little, E:16/signed, F:32/little-signed>> = Bin,
    <<X:4, Y:4, Z:8/unsigned, _/binary>> = Bin,
    <<Big:96>> = Bin,
    {A, B, C, D, E, F, X, Y, Z, Big}.
