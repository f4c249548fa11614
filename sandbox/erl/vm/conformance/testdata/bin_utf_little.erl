-module(bin_utf_little).
-export([main/0]).

%% Little-endian utf16/utf32 segments, surrogate pairs, and matching them back.
main() ->
    B = <<16#1F600/utf16-little, $z/utf16-little, 16#20AC/utf32-little, 16#1F600/utf16>>,
    <<A/utf16-little, Z/utf16-little, E/utf32-little, G/utf16>> = B,
    Bad = try <<16#D800/utf8>> of _ -> ok catch error:R -> R end,
    Short = case <<1>> of <<_/utf16>> -> yes; _ -> no end,
    <<X:16/signed-little>> = <<254, 255>>,
    {B, A, Z, E, G, Bad, Short, <<-1:16/signed-little>>, X}.
