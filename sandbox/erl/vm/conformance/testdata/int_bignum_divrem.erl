-module(int_bignum_divrem).
-export([main/0]).
%% div and rem on bignums truncate toward zero, like small integers.
main() ->
    A = 123456789012345678901234567890,
    B = 987654321,
    [A div B, A rem B, -A div B, -A rem B, A div -B, A rem -B,
     A * A, A - A * 2, abs(-A), A div (A + 1), (A * B) div B =:= A].
