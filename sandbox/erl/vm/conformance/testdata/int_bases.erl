-module(int_bases).
-export([main/0]).
%% Integer literals in other bases and conversions to and from strings.
main() ->
    Lits = [16#ff, 2#1010, 8#777, 36#zz, $a, $\n, $\s, 1_000_000, 16#DEAD_BEEF],
    Strs = [integer_to_list(255, 16), integer_to_list(-255, 2), integer_to_list(35, 36),
            integer_to_list(1 bsl 70, 16), integer_to_binary(-42), integer_to_binary(255, 16)],
    Parsed = [list_to_integer("-123"), list_to_integer("ff", 16), list_to_integer("+7"),
              binary_to_integer(<<"zz">>, 36), list_to_integer("123456789012345678901234567890")],
    {Lits, Strs, Parsed}.
