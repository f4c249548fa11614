%% string: string functions, written for otpbox with OTP 25's results for
%% the common cases.
%%
%% Strings are chardata: lists of code points, binaries of UTF-8, or deep
%% mixes of both. The functions of the modern API return a binary (or
%% binaries) for a binary argument and flat lists otherwise. Characters are
%% code points: grapheme clusters of several code points (a letter and a
%% combining accent) count as several characters here, unlike in OTP. Case
%% mapping covers ASCII and Latin-1.
-module(string).

-export([length/1, slice/2, slice/3, split/2, split/3, lexemes/2, trim/1, trim/2,
         trim/3, to_upper/1, to_lower/1, uppercase/1, lowercase/1, casefold/1,
         titlecase/1, find/2, find/3, replace/3, replace/4, prefix/2, equal/2,
         equal/3, is_empty/1, reverse/1, pad/2, pad/3, pad/4, chomp/1, take/2,
         take/3, take/4, join/2, next_codepoint/1, next_grapheme/1,
         to_integer/1, to_float/1]).
-export([tokens/2, str/2, rstr/2, substr/2, substr/3, concat/2, copies/2,
         words/1, words/2, chr/2, rchr/2, sub_word/2, sub_word/3, left/2,
         left/3, right/2, right/3, centre/2, centre/3, strip/1, strip/2,
         strip/3, span/2, cspan/2, len/1, sub_string/2, sub_string/3]).

-compile({no_auto_import, [length/1]}).

%%% Conversions between chardata and flat code-point lists.

chars(S) when is_binary(S) -> unicode:characters_to_list(S);
chars(S) when is_list(S) ->
    case is_flat(S) of
        true -> S;
        false -> unicode:characters_to_list(S)
    end.

is_flat([C | Cs]) when is_integer(C) -> is_flat(Cs);
is_flat([]) -> true;
is_flat(_) -> false.

%% back/2 returns Chars in the shape of the original argument: a binary for
%% a binary, a list otherwise.
back(Orig, Chars) when is_binary(Orig) -> unicode:characters_to_binary(Chars);
back(_Orig, Chars) -> Chars.

%%% The modern API.

length(S) -> erlang:length(chars(S)).

is_empty([]) -> true;
is_empty(<<>>) -> true;
is_empty([L | R]) -> is_empty(L) andalso is_empty(R);
is_empty(_) -> false.

slice(S, Start) when is_integer(Start), Start >= 0 ->
    back(S, drop(Start, chars(S))).

slice(S, Start, infinity) -> slice(S, Start);
slice(S, Start, Len) when is_integer(Start), Start >= 0, is_integer(Len), Len >= 0 ->
    back(S, take_n(Len, drop(Start, chars(S)))).

drop(0, Cs) -> Cs;
drop(_, []) -> [];
drop(N, [_ | Cs]) -> drop(N - 1, Cs).

take_n(0, _) -> [];
take_n(_, []) -> [];
take_n(N, [C | Cs]) -> [C | take_n(N - 1, Cs)].

reverse(S) -> lists:reverse(chars(S)).

equal(A, B) -> chars(A) =:= chars(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) -> casefold(chars(A)) =:= casefold(chars(B)).

prefix(S, Prefix) ->
    case lists:prefix(chars(Prefix), Cs = chars(S)) of
        true -> back(S, lists:nthtail(erlang:length(chars(Prefix)), Cs));
        false -> nomatch
    end.

%% split/2,3: the separator is a string; leading splits at the first
%% occurrence, trailing at the last, all at every one.
split(S, Sep) -> split(S, Sep, leading).

split(S, Sep, Where) ->
    Cs = chars(S),
    SepCs = chars(Sep),
    Parts = case SepCs of
                [] -> [Cs];
                _ -> split_where(Cs, SepCs, Where)
            end,
    [back(S, P) || P <- Parts].

split_where(Cs, Sep, leading) ->
    case find_sep(Cs, Sep, []) of
        {Before, After} -> [Before, After];
        nomatch -> [Cs]
    end;
split_where(Cs, Sep, trailing) ->
    case find_sep(lists:reverse(Cs), lists:reverse(Sep), []) of
        {RAfter, RBefore} -> [lists:reverse(RBefore), lists:reverse(RAfter)];
        nomatch -> [Cs]
    end;
split_where(Cs, Sep, all) ->
    case find_sep(Cs, Sep, []) of
        {Before, After} -> [Before | split_where(After, Sep, all)];
        nomatch -> [Cs]
    end.

%% find_sep returns the text before and after the first Sep in Cs.
find_sep([], _Sep, _Acc) -> nomatch;
find_sep([C | Rest] = Cs, Sep, Acc) ->
    case lists:prefix(Sep, Cs) of
        true -> {lists:reverse(Acc), lists:nthtail(erlang:length(Sep), Cs)};
        false -> find_sep(Rest, Sep, [C | Acc])
    end.

lexemes(S, Seps) ->
    SepCs = sep_list(Seps),
    [back(S, L) || L <- lexemes_1(chars(S), SepCs, [], [])].

lexemes_1([C | Cs], Seps, Cur, Acc) ->
    case lists:member(C, Seps) of
        true when Cur =:= [] -> lexemes_1(Cs, Seps, [], Acc);
        true -> lexemes_1(Cs, Seps, [], [lists:reverse(Cur) | Acc]);
        false -> lexemes_1(Cs, Seps, [C | Cur], Acc)
    end;
lexemes_1([], _Seps, [], Acc) -> lists:reverse(Acc);
lexemes_1([], _Seps, Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]).

%% A separator list is a list of characters; "\r\n" counts as one.
sep_list(Seps) -> lists:flatten([sep_char(S) || S <- Seps]).

sep_char([_ | _] = Cluster) -> Cluster;
sep_char(C) -> C.

trim(S) -> trim(S, both).

trim(S, Dir) -> trim(S, Dir, [$\s, $\t, $\n, $\r, $\v, $\f, 16#85, 16#A0, [$\r, $\n]]).

trim(S, Dir, Chars) ->
    Set = sep_list(Chars),
    Cs = chars(S),
    Cs1 = case Dir of
              leading -> drop_set(Cs, Set);
              trailing -> lists:reverse(drop_set(lists:reverse(Cs), Set));
              both -> lists:reverse(drop_set(lists:reverse(drop_set(Cs, Set)), Set))
          end,
    back(S, Cs1).

drop_set([C | Cs] = All, Set) ->
    case lists:member(C, Set) of
        true -> drop_set(Cs, Set);
        false -> All
    end;
drop_set([], _) -> [].

chomp(S) ->
    Cs = chars(S),
    back(S, case lists:reverse(Cs) of
                [$\n, $\r | R] -> lists:reverse(R);
                [$\n | R] -> lists:reverse(R);
                _ -> Cs
            end).

take(S, Set) -> take(S, Set, false, leading).

take(S, Set, Complement) -> take(S, Set, Complement, leading).

take(S, Set0, Complement, Dir) ->
    Set = sep_list(Set0),
    In = fun(C) -> lists:member(C, Set) =/= Complement end,
    Cs = chars(S),
    case Dir of
        leading ->
            {A, B} = lists:splitwith(In, Cs),
            {back(S, A), back(S, B)};
        trailing ->
            {RA, RB} = lists:splitwith(In, lists:reverse(Cs)),
            {back(S, lists:reverse(RB)), back(S, lists:reverse(RA))}
    end.

pad(S, Len) -> pad(S, Len, trailing, $\s).

pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Len, Dir, Char) when is_integer(Len) ->
    N = Len - erlang:length(chars(S)),
    if
        N =< 0 -> [S];
        Dir =:= trailing -> [S | lists:duplicate(N, Char)];
        Dir =:= leading -> [lists:duplicate(N, Char), S];
        Dir =:= both ->
            L = lists:duplicate(N div 2, Char),
            [L, S, L | lists:duplicate(N rem 2, Char)]
    end.

find(S, Pattern) -> find(S, Pattern, leading).

find(S, Pattern, Dir) ->
    Cs = chars(S),
    P = chars(Pattern),
    case P of
        [] -> S;
        _ ->
            case find_at(Cs, P, Dir) of
                nomatch -> nomatch;
                Rest -> back(S, Rest)
            end
    end.

find_at(Cs, P, leading) ->
    case find_sep(Cs, P, []) of
        {_Before, After} -> P ++ After;
        nomatch -> nomatch
    end;
find_at(Cs, P, trailing) ->
    case find_sep(lists:reverse(Cs), lists:reverse(P), []) of
        {RAfter, _RBefore} -> P ++ lists:reverse(RAfter);
        nomatch -> nomatch
    end.

replace(S, Pattern, Replacement) -> replace(S, Pattern, Replacement, leading).

replace(S, Pattern, Replacement, Where) ->
    lists:join(Replacement, split(S, Pattern, Where)).

join([], _Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

next_codepoint(S) ->
    case chars(S) of
        [C | Rest] -> [C | back(S, Rest)];
        [] -> []
    end.

next_grapheme(S) ->
    case chars(S) of
        [$\r, $\n | Rest] -> [[$\r, $\n] | back(S, Rest)];
        [C | Rest] -> [C | back(S, Rest)];
        [] -> []
    end.

%%% Case.

to_upper(C) when is_integer(C) -> upper_char(C);
to_upper(S) when is_list(S) -> [upper_char(C) || C <- S].

to_lower(C) when is_integer(C) -> lower_char(C);
to_lower(S) when is_list(S) -> [lower_char(C) || C <- S].

upper_char(C) when C >= $a, C =< $z -> C - 32;
upper_char(C) when C >= 16#E0, C =< 16#FE, C =/= 16#F7 -> C - 32;
upper_char(C) -> C.

lower_char(C) when C >= $A, C =< $Z -> C + 32;
lower_char(C) when C >= 16#C0, C =< 16#DE, C =/= 16#D7 -> C + 32;
lower_char(C) -> C.

uppercase(S) -> back(S, lists:append([full_upper(C) || C <- chars(S)])).

full_upper(16#DF) -> "SS";
full_upper(16#FF) -> [16#178];
full_upper(16#B5) -> [16#39C];
full_upper(C) -> [upper_char(C)].

lowercase(S) -> back(S, [lower_char(C) || C <- chars(S)]).

casefold(S) -> back(S, lists:append([fold_char(C) || C <- chars(S)])).

fold_char(16#DF) -> "ss";
fold_char(16#B5) -> [16#3BC];
fold_char(C) -> [lower_char(C)].

titlecase(S) ->
    case chars(S) of
        [C | Rest] -> back(S, full_upper(C) ++ Rest);
        [] -> S
    end.

%%% Numbers.

to_integer(S) ->
    Cs = chars(S),
    case int_prefix(Cs) of
        {[], _} -> {error, no_integer};
        {Digits, Rest} -> {list_to_integer(Digits), back(S, Rest)}
    end.

int_prefix([Sign | Cs]) when Sign =:= $-; Sign =:= $+ ->
    case lists:splitwith(fun is_digit/1, Cs) of
        {[], _} -> {[], [Sign | Cs]};
        {Ds, Rest} -> {[Sign | Ds], Rest}
    end;
int_prefix(Cs) -> lists:splitwith(fun is_digit/1, Cs).

is_digit(C) -> C >= $0 andalso C =< $9.

to_float(S) ->
    Cs = chars(S),
    case int_prefix(Cs) of
        {[], _} -> {error, no_float};
        {IntPart, [$. | AfterDot]} ->
            case lists:splitwith(fun is_digit/1, AfterDot) of
                {[], _} -> {error, no_float};
                {Frac, Rest} ->
                    {Exp, Rest1} = exponent(Rest),
                    {list_to_float(IntPart ++ "." ++ Frac ++ Exp), back(S, Rest1)}
            end;
        _ -> {error, no_float}
    end.

exponent([E | Cs]) when E =:= $e; E =:= $E ->
    case int_prefix(Cs) of
        {[], _} -> {[], [E | Cs]};
        {Ds, Rest} -> {[$e | Ds], Rest}
    end;
exponent(Cs) -> {[], Cs}.

%%% The older list-only API.

len(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) -> chr(S, C, 1).

chr([C | _], C, I) -> I;
chr([_ | Cs], C, I) -> chr(Cs, C, I + 1);
chr([], _C, _I) -> 0.

rchr(S, C) -> rchr(S, C, 1, 0).

rchr([C | Cs], C, I, _L) -> rchr(Cs, C, I + 1, I);
rchr([_ | Cs], C, I, L) -> rchr(Cs, C, I + 1, L);
rchr([], _C, _I, L) -> L.

str(S, Sub) -> str(S, Sub, 1).

str([_ | Rest] = S, Sub, I) ->
    case lists:prefix(Sub, S) of
        true -> I;
        false -> str(Rest, Sub, I + 1)
    end;
str([], _Sub, _I) -> 0.

rstr(S, Sub) -> rstr(S, Sub, 1, 0).

rstr([_ | Rest] = S, Sub, I, L) ->
    case lists:prefix(Sub, S) of
        true -> rstr(Rest, Sub, I + 1, I);
        false -> rstr(Rest, Sub, I + 1, L)
    end;
rstr([], _Sub, _I, L) -> L.

span(S, Chars) -> span(S, Chars, 0).

span([C | Cs], Chars, N) ->
    case lists:member(C, Chars) of
        true -> span(Cs, Chars, N + 1);
        false -> N
    end;
span([], _Chars, N) -> N.

cspan(S, Chars) -> cspan(S, Chars, 0).

cspan([C | Cs], Chars, N) ->
    case lists:member(C, Chars) of
        true -> N;
        false -> cspan(Cs, Chars, N + 1)
    end;
cspan([], _Chars, N) -> N.

substr(S, Start) when is_integer(Start), Start >= 1 -> lists:nthtail(Start - 1, S).

substr(S, Start, Len) when is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
    lists:sublist(lists:nthtail(Start - 1, S), Len).

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) -> tokens_1(S, Seps, [], []).

tokens_1([C | Cs], Seps, Cur, Acc) ->
    case lists:member(C, Seps) of
        true when Cur =:= [] -> tokens_1(Cs, Seps, [], Acc);
        true -> tokens_1(Cs, Seps, [], [lists:reverse(Cur) | Acc]);
        false -> tokens_1(Cs, Seps, [C | Cur], Acc)
    end;
tokens_1([], _Seps, [], Acc) -> lists:reverse(Acc);
tokens_1([], _Seps, Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]).

words(S) -> words(S, $\s).

%% words/2 counts the runs of separators inside the stripped string, plus
%% one: the empty string has one (empty) word.
words(S, C) when is_integer(C) -> count_runs(strip(S, both, C), C, 1).

count_runs([C, C | Cs], C, N) -> count_runs([C | Cs], C, N);
count_runs([C | Cs], C, N) -> count_runs(Cs, C, N + 1);
count_runs([_ | Cs], C, N) -> count_runs(Cs, C, N);
count_runs([], _C, N) -> N.

sub_word(S, N) -> sub_word(S, N, $\s).

sub_word(S, N, C) when is_integer(N), N >= 1 ->
    case tokens(S, [C]) of
        Ws when erlang:length(Ws) >= N -> lists:nth(N, Ws);
        _ -> []
    end.

copies(S, N) when is_integer(N), N >= 0 -> lists:append(lists:duplicate(N, S)).

strip(S) -> strip(S, both).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, C) -> strip_left(S, C);
strip(S, right, C) -> lists:reverse(strip_left(lists:reverse(S), C));
strip(S, both, C) -> strip(strip_left(S, C), right, C).

strip_left([C | Cs], C) -> strip_left(Cs, C);
strip_left(Cs, _C) -> Cs.

left(S, N) -> left(S, N, $\s).

left(S, N, C) ->
    L = erlang:length(S),
    if
        L > N -> lists:sublist(S, N);
        true -> S ++ lists:duplicate(N - L, C)
    end.

right(S, N) -> right(S, N, $\s).

right(S, N, C) ->
    L = erlang:length(S),
    if
        L > N -> lists:nthtail(L - N, S);
        true -> lists:duplicate(N - L, C) ++ S
    end.

centre(S, N) -> centre(S, N, $\s).

centre(_S, 0, _C) -> [];
centre(S, N, C) ->
    L = erlang:length(S),
    if
        L > N -> lists:sublist(S, (L - N) div 2 + 1, N);
        true ->
            Before = (N - L) div 2,
            lists:duplicate(Before, C) ++ S ++ lists:duplicate(N - L - Before, C)
    end.
