-module(bin_bitstring).
-export([main/0]).
%% Bitstrings that are not a whole number of bytes.
main() ->
    Bs = [<<1:3>>, <<1, 2:4>>, <<0:1>>, <<255, 255, 1:1>>, <<5:10>>, <<"ab", 3:2>>],
    io:format("~p~n~w~n", [Bs, Bs]),
    [{bit_size(B), byte_size(B), is_binary(B), is_bitstring(B)} || B <- Bs].
