-module(int_bitops).
-export([main/0]).
%% Bitwise operators on small, negative and big integers.
main() ->
    Big = 1 bsl 100,
    [5 band 3, 5 bor 3, 5 bxor 3, bnot 5, bnot -1,
     -8 bsr 1, -1 bsr 10, 1 bsl -1, 16 bsr -2,
     Big bor 1, Big band (Big - 1), bnot Big, -Big bsr 99, Big bxor Big,
     -5 band 255, -5 bor 16#F0, 16#FF bxor -1].
