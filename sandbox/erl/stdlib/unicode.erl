%% unicode: conversions between code-point lists and encoded binaries,
%% written for otpbox with OTP 25's results for latin1, utf8, utf16 and
%% utf32 (big and little endian). OTP implements the characters_to_*
%% functions as BIFs; they are Erlang here because their cost is in the
%% loops the VM runs anyway.
-module(unicode).

-export([characters_to_list/1, characters_to_list/2, characters_to_binary/1,
         characters_to_binary/2, characters_to_binary/3, bom_to_encoding/1,
         encoding_to_bom/1]).

characters_to_list(Data) -> characters_to_list(Data, unicode).

characters_to_list(Data, InEnc) ->
    case decode(Data, norm(InEnc)) of
        {ok, Cs} -> Cs;
        {Tag, Cs, Rest} -> {Tag, Cs, Rest}
    end.

characters_to_binary(Data) -> characters_to_binary(Data, unicode, unicode).

characters_to_binary(Data, InEnc) -> characters_to_binary(Data, InEnc, unicode).

characters_to_binary(Data, InEnc, OutEnc) ->
    Out = norm(OutEnc),
    case decode(Data, norm(InEnc)) of
        {ok, Cs} ->
            case encode(Cs, Out, []) of
                {ok, Bin} -> Bin;
                {error, Done, Left} -> {error, Done, Left}
            end;
        {Tag, Cs, Rest} ->
            case encode(Cs, Out, []) of
                {ok, Bin} -> {Tag, Bin, Rest};
                {error, Done, Left} -> {error, Done, Left}
            end
    end.

norm(unicode) -> utf8;
norm(utf16) -> {utf16, big};
norm(utf32) -> {utf32, big};
norm(Enc) -> Enc.

%% decode/2 flattens chardata into code points: {ok, Chars}, or
%% {error | incomplete, CharsSoFar, Rest}.
decode(Data, Enc) ->
    case decode(Data, Enc, []) of
        {ok, Acc} -> {ok, lists:reverse(Acc)};
        {Tag, Acc, Rest} -> {Tag, lists:reverse(Acc), Rest}
    end.

decode(B, Enc, Acc) when is_binary(B) -> decode_bin(B, Enc, Acc);
decode([], _Enc, Acc) -> {ok, Acc};
decode([C | T], Enc, Acc) when is_integer(C) ->
    case valid_char(C, Enc) of
        true -> decode(T, Enc, [C | Acc]);
        false -> {error, Acc, [C | T]}
    end;
decode([H | T], Enc, Acc) ->
    case decode(H, Enc, Acc) of
        {ok, Acc1} -> decode(T, Enc, Acc1);
        {Tag, Acc1, Rest} when T =:= [] -> {Tag, Acc1, Rest};
        {Tag, Acc1, Rest} -> {Tag, Acc1, [Rest, T]}
    end;
decode(Other, _Enc, _Acc) ->
    erlang:error(badarg, [Other]).

valid_char(C, _) when C < 0 -> false;
valid_char(C, latin1) -> C =< 255;
valid_char(C, _) -> C =< 16#10FFFF andalso (C < 16#D800 orelse C > 16#DFFF).

decode_bin(<<>>, _Enc, Acc) -> {ok, Acc};
decode_bin(<<C, R/binary>>, latin1, Acc) -> decode_bin(R, latin1, [C | Acc]);
decode_bin(<<C/utf8, R/binary>>, utf8, Acc) -> decode_bin(R, utf8, [C | Acc]);
decode_bin(<<C/utf16-big, R/binary>>, {utf16, big} = E, Acc) -> decode_bin(R, E, [C | Acc]);
decode_bin(<<C/utf16-little, R/binary>>, {utf16, little} = E, Acc) -> decode_bin(R, E, [C | Acc]);
decode_bin(<<C/utf32-big, R/binary>>, {utf32, big} = E, Acc) -> decode_bin(R, E, [C | Acc]);
decode_bin(<<C/utf32-little, R/binary>>, {utf32, little} = E, Acc) -> decode_bin(R, E, [C | Acc]);
decode_bin(B, Enc, Acc) ->
    case incomplete(B, Enc) of
        true -> {incomplete, Acc, B};
        false -> {error, Acc, B}
    end.

%% A binary that ends in the middle of a character is incomplete, not an
%% error.
incomplete(<<C, R/binary>>, utf8) ->
    Need = if
               C >= 16#C2, C =< 16#DF -> 1;
               C >= 16#E0, C =< 16#EF -> 2;
               C >= 16#F0, C =< 16#F4 -> 3;
               true -> 0
           end,
    Need > 0 andalso byte_size(R) < Need andalso
        lists:all(fun(X) -> X band 16#C0 =:= 16#80 end, binary_to_list(R));
incomplete(B, {utf16, _}) -> byte_size(B) < 4;
incomplete(B, {utf32, _}) -> byte_size(B) < 4;
incomplete(_, _) -> false.

encode([], _Enc, Acc) -> {ok, list_to_binary(lists:reverse(Acc))};
encode([C | Cs], latin1, Acc) when C =< 255 -> encode(Cs, latin1, [C | Acc]);
encode([C | Cs], latin1, Acc) -> {error, list_to_binary(lists:reverse(Acc)), [[C | Cs]]};
encode([C | Cs], utf8, Acc) -> encode(Cs, utf8, [<<C/utf8>> | Acc]);
encode([C | Cs], {utf16, big} = E, Acc) -> encode(Cs, E, [<<C/utf16-big>> | Acc]);
encode([C | Cs], {utf16, little} = E, Acc) -> encode(Cs, E, [<<C/utf16-little>> | Acc]);
encode([C | Cs], {utf32, big} = E, Acc) -> encode(Cs, E, [<<C/utf32-big>> | Acc]);
encode([C | Cs], {utf32, little} = E, Acc) -> encode(Cs, E, [<<C/utf32-little>> | Acc]).

bom_to_encoding(<<239, 187, 191, _/binary>>) -> {utf8, 3};
bom_to_encoding(<<0, 0, 254, 255, _/binary>>) -> {{utf32, big}, 4};
bom_to_encoding(<<255, 254, 0, 0, _/binary>>) -> {{utf32, little}, 4};
bom_to_encoding(<<254, 255, _/binary>>) -> {{utf16, big}, 2};
bom_to_encoding(<<255, 254, _/binary>>) -> {{utf16, little}, 2};
bom_to_encoding(Bin) when is_binary(Bin) -> {latin1, 0}.

encoding_to_bom(unicode) -> <<239, 187, 191>>;
encoding_to_bom(utf8) -> <<239, 187, 191>>;
encoding_to_bom(utf16) -> <<254, 255>>;
encoding_to_bom({utf16, big}) -> <<254, 255>>;
encoding_to_bom({utf16, little}) -> <<255, 254>>;
encoding_to_bom(utf32) -> <<0, 0, 254, 255>>;
encoding_to_bom({utf32, big}) -> <<0, 0, 254, 255>>;
encoding_to_bom({utf32, little}) -> <<255, 254, 0, 0>>;
encoding_to_bom(latin1) -> <<>>.
