-module(unicode_basic).
-export([main/0]).
%% unicode: conversions between code-point lists and binaries.
main() ->
    L = [104, 233, 8364, 128512],
    B = unicode:characters_to_binary(L),
    [B, byte_size(B), unicode:characters_to_list(B), unicode:characters_to_binary("abc", latin1),
     unicode:characters_to_binary(<<"é">>, latin1, utf8), unicode:characters_to_list(<<233>>, latin1),
     unicode:characters_to_binary(["a", <<"b">>, [$c]]), unicode:characters_to_binary(L, unicode, utf16),
     unicode:characters_to_list(<<"ok", 255>>), unicode:characters_to_binary([97, 16#110000]),
     unicode:characters_to_binary(<<"é"/utf8>>, utf8, latin1), unicode:bom_to_encoding(<<239, 187, 191, "x">>)].
