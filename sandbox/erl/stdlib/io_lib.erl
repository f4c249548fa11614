%% io_lib: formatting helpers, written for otpbox with OTP 25's results.
%% format/2,3 are BIFs here (the VM formats in Go, package
%% sandbox/erl/format); the rest is Erlang on top of them.
-module(io_lib).

-export([format/2, format/3, fwrite/2, fwrite/3, write/1, write/2, print/1,
         write_atom/1, write_string/1, write_string/2, write_latin1_string/1,
         write_char/1, write_latin1_char/1, nl/0, printable_list/1,
         printable_latin1_list/1, printable_unicode_list/1, char_list/1,
         deep_char_list/1, latin1_char_list/1, deep_latin1_char_list/1,
         chars_length/1]).

format(_Format, _Args) -> erlang:nif_error(undef).
format(_Format, _Args, _Options) -> erlang:nif_error(undef).

fwrite(Format, Args) -> io_lib:format(Format, Args).
fwrite(Format, Args, Options) -> io_lib:format(Format, Args, Options).

write(Term) -> io_lib:format("~w", [Term]).

write(Term, Depth) when is_integer(Depth) -> io_lib:format("~W", [Term, Depth]);
write(Term, Options) when is_list(Options) ->
    Depth = proplists:get_value(depth, Options, -1),
    case proplists:get_value(encoding, Options, latin1) of
        unicode -> io_lib:format("~tW", [Term, Depth]);
        latin1 -> io_lib:format("~W", [Term, Depth])
    end.

print(Term) -> io_lib:format("~p", [Term]).

write_atom(Atom) when is_atom(Atom) -> io_lib:format("~tw", [Atom]).

nl() -> "\n".

write_string(S) -> write_string(S, $").

write_string(S, Q) -> [Q | string_chars(S, Q, unicode)].

write_latin1_string(S) -> [$" | string_chars(S, $", latin1)].

string_chars([C | Cs], Q, Enc) -> string_char(C, Q, Enc) ++ string_chars(Cs, Q, Enc);
string_chars([], Q, _Enc) -> [Q].

string_char(Q, Q, _) -> [$\\, Q];
string_char($\\, _, _) -> "\\\\";
string_char(C, _, _) when C >= $\s, C =< $~ -> [C];
string_char(C, _, latin1) when C >= 16#A0, C =< 16#FF -> [C];
string_char(C, _, unicode) when C >= 16#A0 -> [C];
string_char($\n, _, _) -> "\\n";
string_char($\r, _, _) -> "\\r";
string_char($\t, _, _) -> "\\t";
string_char($\v, _, _) -> "\\v";
string_char($\b, _, _) -> "\\b";
string_char($\f, _, _) -> "\\f";
string_char($\e, _, _) -> "\\e";
string_char($\d, _, _) -> "\\d";
string_char(C, _, _) when C < 16#A0 ->
    [$\\, (C bsr 6) + $0, ((C bsr 3) band 7) + $0, (C band 7) + $0].

write_char($\s) -> "$\\s";
write_char(C) when is_integer(C), C >= 0 -> [$$ | string_char(C, -1, unicode)].

write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 -> [$$ | string_char(C, -1, latin1)].

printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 16#A0, C =< 16#FF -> printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                     C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ -> printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when is_integer(C), C >= 16#A0, C < 16#D800;
                                      is_integer(C), C > 16#DFFF, C < 16#FFFE;
                                      is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                      C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

char_list([C | Cs]) when is_integer(C), C >= 0, C < 16#D800;
                         is_integer(C), C > 16#DFFF, C < 16#FFFE;
                         is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    char_list(Cs);
char_list([]) -> true;
char_list(_) -> false.

deep_char_list(Cs) -> deep(Cs, fun char_list/1).

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 -> latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_latin1_char_list(Cs) -> deep(Cs, fun latin1_char_list/1).

deep([C | Cs], Flat) when is_list(C) -> deep(C, Flat) andalso deep(Cs, Flat);
deep([C | Cs], Flat) -> Flat([C]) andalso deep(Cs, Flat);
deep([], _Flat) -> true;
deep(_, _Flat) -> false.

chars_length(S) ->
    try iolist_size(S)
    catch _:_ -> string:length(S)
    end.
