-module(bin_unit).
-export([main/0]).
%% The unit specifier multiplies the size.
main() ->
    B = <<1, 2, 3, 4, 5, 6>>,
    <<X:2/unit:8, Y:1/binary-unit:16, Z/binary-unit:8>> = B,
    N = 3,
    W = <<5:N/unit:4>>,
    {X, Y, Z, W, bit_size(W), <<1:4/unit:2>>}.
