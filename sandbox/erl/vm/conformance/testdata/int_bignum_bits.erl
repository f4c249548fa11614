-module(int_bignum_bits).
-export([main/0]).

%% Bitwise operators and conversions on bignums, negative ones included.
main() ->
    Big = 1 bsl 100 + 12345,
    Neg = -(1 bsl 90) - 7,
    [Big band 16#FFFF, Big bor 1, Big bxor Big, bnot Big, Neg band 16#FF, Neg bsr 80,
     Neg bsl 3, Big bsr 200, Neg bsr 200, Big div Neg, Big rem Neg, -Big div 7, -Big rem 7,
     integer_to_list(Neg, 16), integer_to_binary(Big, 36), abs(Neg), Big * Neg,
     <<Big:128>>, <<Neg:104/signed-little>>, trunc(1.0e30), round(-2.5e25), float(Big),
     Big > 1.0e30, Neg < -1.0e27, (1 bsl 64) =:= 18446744073709551616].
