-module(bin_utf).
-export([main/0]).
%% utf8, utf16 and utf32 segments, in construction and matching.
main() ->
    U8 = <<"héllo €"/utf8>>,
    U16 = <<$€/utf16, $a/utf16-little>>,
    U32 = <<16#1F600/utf32>>,
    <<C1/utf8, C2/utf8, Rest/binary>> = U8,
    <<D1/utf16, D2/utf16-little>> = U16,
    <<E1/utf32>> = U32,
    {U8, byte_size(U8), U16, U32, C1, C2, Rest, D1, D2, E1, <<16#10FFFF/utf8>>}.
