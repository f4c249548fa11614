%% lists: list processing, written for otpbox with the same results and
%% the same errors as OTP 25's lists module.
%%
%% The functions BEAM implements as BIFs (reverse/2, keyfind/3, keymember/3,
%% keysearch/3, member/2) are stubs here: the VM binds them to Go.
%% Where a failure is visible in a stack trace (function_clause arguments,
%% the helper functions map_1, sum/2, foldl guards, zip's body recursion),
%% the clauses are shaped so that the trace reads as OTP's does.
-module(lists).
-compile({no_auto_import, [min/2, max/2]}).

-export([append/2, append/1, subtract/2, reverse/1, reverse/2, nth/2, nthtail/2,
         prefix/2, suffix/2, droplast/1, last/1, seq/2, seq/3, sum/1, duplicate/2,
         min/1, max/1, sublist/2, sublist/3, delete/2, unzip/1, unzip3/1,
         zip/2, zip3/3, zipwith/3, zipwith3/4, sort/1, sort/2, merge/1, merge/2,
         merge/3, merge3/3, usort/1, usort/2, umerge/1, umerge/2, umerge/3,
         umerge3/3, concat/1, flatten/1, flatten/2, flatlength/1,
         keydelete/3, keyreplace/4, keytake/3, keystore/4, keysort/2,
         keymerge/3, ukeysort/2, ukeymerge/3, keymap/3, keyfind/3,
         keymember/3, keysearch/3, member/2, all/2, any/2, map/2, flatmap/2,
         foldl/3, foldr/3, filter/2, partition/2, zf/2, filtermap/2,
         mapfoldl/3, mapfoldr/3, foreach/2, takewhile/2, dropwhile/2,
         search/2, splitwith/2, split/2, join/2, enumerate/1, enumerate/2,
         uniq/1, uniq/2]).

%%% BIFs: the VM replaces these.

reverse(_List, _Tail) -> erlang:nif_error(undef).
keyfind(_Key, _N, _TupleList) -> erlang:nif_error(undef).
keymember(_Key, _N, _TupleList) -> erlang:nif_error(undef).
keysearch(_Key, _N, _TupleList) -> erlang:nif_error(undef).
member(_Elem, _List) -> erlang:nif_error(undef).

%%% Construction and access.

append(L1, L2) -> L1 ++ L2.

append([L]) -> L;
append([L | Ls]) -> L ++ append(Ls);
append([]) -> [].

subtract(L1, L2) -> L1 -- L2.

reverse([] = L) -> L;
reverse([_] = L) -> L;
reverse([A, B]) -> [B, A];
reverse([A, B | Rest]) -> lists:reverse(Rest, [B, A]).

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

prefix([X | Xs], [X | Ys]) -> prefix(Xs, Ys);
prefix([], List) when is_list(List) -> true;
prefix([_ | _], List) when is_list(List) -> false.

suffix(Suffix, List) ->
    Delta = length(List) - length(Suffix),
    Delta >= 0 andalso nthtail(Delta, List) =:= Suffix.

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

last([E | Es]) -> last(E, Es).

last(_, [E | Es]) -> last(E, Es);
last(E, []) -> E.

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_up(Last - First + 1, Last, []).

seq_up(0, _, Acc) -> Acc;
seq_up(N, X, Acc) -> seq_up(N - 1, X - 1, [X | Acc]).

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc) ->
    if
        Inc > 0, First - Inc =< Last;
        Inc < 0, First - Inc >= Last ->
            N = (Last - First + Inc) div Inc,
            seq_step(N, Inc, First + (N - 1) * Inc, []);
        Inc =:= 0, First =:= Last ->
            [First];
        true ->
            erlang:error(badarg, [First, Last, Inc])
    end;
seq(First, Last, Inc) ->
    erlang:error(badarg, [First, Last, Inc]).

seq_step(0, _, _, Acc) -> Acc;
seq_step(N, Inc, X, Acc) -> seq_step(N - 1, Inc, X - Inc, [X | Acc]).

sum(L) -> sum(L, 0).

sum([H | T], Sum) -> sum(T, Sum + H);
sum([], Sum) -> Sum.

duplicate(N, X) when is_integer(N), N >= 0 -> duplicate(N, X, []).

duplicate(0, _, Acc) -> Acc;
duplicate(N, X, Acc) -> duplicate(N - 1, X, [X | Acc]).

min([H | T]) -> min(T, H).

min([H | T], Min) when H < Min -> min(T, H);
min([_ | T], Min) -> min(T, Min);
min([], Min) -> Min.

max([H | T]) -> max(T, H).

max([H | T], Max) when H > Max -> max(T, H);
max([_ | T], Max) -> max(T, Max);
max([], Max) -> Max.

sublist(List, Len) when is_integer(Len), Len >= 0 -> sublist_2(List, Len).

sublist_2(_, 0) -> [];
sublist_2([H | T], N) -> [H | sublist_2(T, N - 1)];
sublist_2([], _) -> [].

sublist(List, 1, Len) when is_list(List), is_integer(Len), Len >= 0 ->
    sublist(List, Len);
sublist([_ | T], Start, Len) when is_integer(Start), Start > 1 ->
    sublist(T, Start - 1, Len);
sublist([], Start, Len) when is_integer(Start), Start =:= 1, is_integer(Len), Len >= 0 ->
    [];
sublist([], Start, Len) when is_integer(Start), Start > 1, is_integer(Len), Len >= 0 ->
    [].

delete(Item, [Item | Rest]) -> Rest;
delete(Item, [H | Rest]) -> [H | delete(Item, Rest)];
delete(_, []) -> [].

concat(List) -> flatmap(fun thing_to_list/1, List).

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_float(X) -> float_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

flatten(List) when is_list(List) -> flatten(List, []).

flatten(List, Tail) when is_list(List), is_list(Tail) -> do_flatten(List, Tail).

do_flatten([H | T], Tail) when is_list(H) -> do_flatten(H, do_flatten(T, Tail));
do_flatten([H | T], Tail) -> [H | do_flatten(T, Tail)];
do_flatten([], Tail) -> Tail.

flatlength(List) -> flatlength(List, 0).

flatlength([H | T], N) when is_list(H) -> flatlength(H, flatlength(T, N));
flatlength([_ | T], N) -> flatlength(T, N + 1);
flatlength([], N) -> N.

split(N, List) when is_integer(N), N >= 0, is_list(List) ->
    case split(N, List, []) of
        {_, _} = Result -> Result;
        short -> erlang:error(badarg, [N, List])
    end;
split(N, List) ->
    erlang:error(badarg, [N, List]).

split(0, L, Acc) -> {reverse(Acc), L};
split(N, [H | T], Acc) -> split(N - 1, T, [H | Acc]);
split(_, [], _) -> short.

join(_Sep, []) -> [];
join(Sep, [H | T]) -> [H | join_prepend(Sep, T)].

join_prepend(_Sep, []) -> [];
join_prepend(Sep, [H | T]) -> [Sep, H | join_prepend(Sep, T)].

enumerate(List) -> enumerate(1, List).

enumerate(Index, List) when is_integer(Index), is_list(List) -> enumerate_1(Index, List).

enumerate_1(I, [H | T]) -> [{I, H} | enumerate_1(I + 1, T)];
enumerate_1(_, []) -> [].

uniq(List) when is_list(List) -> uniq_1(List, #{}).

uniq_1([X | Xs], Seen) ->
    case Seen of
        #{X := true} -> uniq_1(Xs, Seen);
        #{} -> [X | uniq_1(Xs, Seen#{X => true})]
    end;
uniq_1([], _) -> [].

uniq(F, List) when is_function(F, 1), is_list(List) -> uniq_2(List, F, #{}).

uniq_2([X | Xs], F, Seen) ->
    Key = F(X),
    case Seen of
        #{Key := true} -> uniq_2(Xs, F, Seen);
        #{} -> [X | uniq_2(Xs, F, Seen#{Key => true})]
    end;
uniq_2([], _, _) -> [].

%%% Zipping.

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

unzip(Ts) -> unzip(Ts, [], []).

unzip([{X, Y} | Ts], Xs, Ys) -> unzip(Ts, [X | Xs], [Y | Ys]);
unzip([], Xs, Ys) -> {reverse(Xs), reverse(Ys)}.

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

unzip3(Ts) -> unzip3(Ts, [], [], []).

unzip3([{X, Y, Z} | Ts], Xs, Ys, Zs) -> unzip3(Ts, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3([], Xs, Ys, Zs) -> {reverse(Xs), reverse(Ys), reverse(Zs)}.

zipwith(F, [X | Xs], [Y | Ys]) -> [F(X, Y) | zipwith(F, Xs, Ys)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [X | Xs], [Y | Ys], [Z | Zs]) -> [F(X, Y, Z) | zipwith3(F, Xs, Ys, Zs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

%%% Higher-order functions.

all(Pred, [H | T]) ->
    case Pred(H) of
        true -> all(Pred, T);
        false -> false
    end;
all(Pred, []) when is_function(Pred, 1) -> true.

any(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any(Pred, T)
    end;
any(Pred, []) when is_function(Pred, 1) -> false.

map(F, List) when is_function(F, 1) ->
    case List of
        [H | T] -> [F(H) | map_1(F, T)];
        [] -> []
    end.

map_1(F, [H | T]) -> [F(H) | map_1(F, T)];
map_1(_F, []) -> [].

flatmap(F, List) when is_function(F, 1) -> flatmap_1(F, List).

flatmap_1(F, [H | T]) -> F(H) ++ flatmap_1(F, T);
flatmap_1(_F, []) -> [].

foldl(F, Acc, List) when is_function(F, 2) ->
    case List of
        [H | T] -> foldl_1(F, F(H, Acc), T);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_F, Acc, []) -> Acc.

foldr(F, Acc, List) when is_function(F, 2) -> foldr_1(F, Acc, List).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_F, Acc, []) -> Acc.

filter(Pred, List) when is_function(Pred, 1) ->
    [E || E <- List, Pred(E)].

partition(Pred, List) when is_function(Pred, 1) -> partition(Pred, List, [], []).

partition(Pred, [H | T], Yes, No) ->
    case Pred(H) of
        true -> partition(Pred, T, [H | Yes], No);
        false -> partition(Pred, T, Yes, [H | No])
    end;
partition(_Pred, [], Yes, No) ->
    {reverse(Yes), reverse(No)}.

filtermap(F, List) when is_function(F, 1) -> filtermap_1(F, List).

filtermap_1(F, [H | T]) ->
    case F(H) of
        false -> filtermap_1(F, T);
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)]
    end;
filtermap_1(_F, []) -> [].

zf(F, L) -> filtermap(F, L).

foreach(F, List) when is_function(F, 1) -> foreach_1(F, List).

foreach_1(F, [H | T]) -> F(H), foreach_1(F, T);
foreach_1(_F, []) -> ok.

mapfoldl(F, Acc, List) when is_function(F, 2) -> mapfoldl_1(F, Acc, List).

mapfoldl_1(F, Acc0, [H | T]) ->
    {R, Acc1} = F(H, Acc0),
    {Rs, Acc2} = mapfoldl_1(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl_1(_F, Acc, []) -> {[], Acc}.

mapfoldr(F, Acc, List) when is_function(F, 2) -> mapfoldr_1(F, Acc, List).

mapfoldr_1(F, Acc0, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc0, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_F, Acc, []) -> {[], Acc}.

takewhile(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile(Pred, T)];
        false -> []
    end;
takewhile(Pred, []) when is_function(Pred, 1) -> [].

dropwhile(Pred, [H | T] = List) ->
    case Pred(H) of
        true -> dropwhile(Pred, T);
        false -> List
    end;
dropwhile(Pred, []) when is_function(Pred, 1) -> [].

search(Pred, [H | T]) ->
    case Pred(H) of
        true -> {value, H};
        false -> search(Pred, T)
    end;
search(Pred, []) when is_function(Pred, 1) -> false.

splitwith(Pred, List) when is_function(Pred, 1) -> splitwith(Pred, List, []).

splitwith(Pred, [H | T] = List, Taken) ->
    case Pred(H) of
        true -> splitwith(Pred, T, [H | Taken]);
        false -> {reverse(Taken), List}
    end;
splitwith(_Pred, [], Taken) -> {reverse(Taken), []}.

%%% Tuple lists.

keydelete(Key, N, List) when is_integer(N), N > 0 -> keydelete_1(Key, N, List).

keydelete_1(Key, N, [H | T]) when element(N, H) == Key -> T;
keydelete_1(Key, N, [H | T]) -> [H | keydelete_1(Key, N, T)];
keydelete_1(_, _, []) -> [].

keyreplace(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace_1(Key, N, List, New).

keyreplace_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keyreplace_1(Key, N, [H | T], New) -> [H | keyreplace_1(Key, N, T, New)];
keyreplace_1(_, _, [], _) -> [].

keytake(Key, N, List) when is_integer(N), N > 0 -> keytake(Key, N, List, []).

keytake(Key, N, [H | T], Before) when element(N, H) == Key ->
    {value, H, lists:reverse(Before, T)};
keytake(Key, N, [H | T], Before) -> keytake(Key, N, T, [H | Before]);
keytake(_, _, [], _) -> false.

keystore(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(Key, N, List, New).

keystore_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keystore_1(Key, N, [H | T], New) -> [H | keystore_1(Key, N, T, New)];
keystore_1(_, _, [], New) -> [New].

keymap(F, N, [H | T]) -> [setelement(N, H, F(element(N, H))) | keymap(F, N, T)];
keymap(F, N, []) when is_integer(N), N >= 1, is_function(F, 1) -> [].

%%% Sorting. A bottom-up merge sort over the input's ascending runs; it is
%%% stable, so elements that compare equal keep their order (OTP's sort/1
%%% may reorder elements that are == but not =:=, such as 1 and 1.0).
%%% Passes alternate direction, so no merge reverses its output: runs are
%%% gathered reversed (descending), merged into ascending lists, those into
%%% descending ones, and so on. Ties take the earlier run's element first
%%% when building ascending order from the left, and the later run's first
%%% when building from the largest, which keeps the sort stable.

sort([_, _ | _] = List) -> merge_desc(runs(List, []));
sort(List) when is_list(List) -> List.

%% runs/2 returns the ascending runs of a list, each reversed, in order.
runs([H | T], Runs) -> run(T, [H], Runs);
runs([], Runs) -> lists:reverse(Runs).

run([H | T], [P | _] = Run, Runs) when P =< H -> run(T, [H | Run], Runs);
run(Rest, Run, Runs) -> runs(Rest, [Run | Runs]).

%% merge_desc takes descending lists (reversed ascending runs) in order.
merge_desc([R]) -> lists:reverse(R);
merge_desc(Rs) -> merge_asc(desc_pairs(Rs)).

desc_pairs([A, B | Rest]) -> [merge_from_desc(A, B, []) | desc_pairs(Rest)];
desc_pairs([A]) -> [lists:reverse(A)];
desc_pairs([]) -> [].

%% Two descending lists (A from earlier in the input) into one ascending:
%% the larger head goes first; on a tie B's, so that A's ends up first.
merge_from_desc([H1 | T1] = A, [H2 | T2] = B, Acc) ->
    if
        H1 > H2 -> merge_from_desc(T1, B, [H1 | Acc]);
        true -> merge_from_desc(A, T2, [H2 | Acc])
    end;
merge_from_desc([], B, Acc) -> lists:reverse(B, Acc);
merge_from_desc(A, [], Acc) -> lists:reverse(A, Acc).

%% merge_asc takes ascending lists in order.
merge_asc([R]) -> R;
merge_asc(Rs) -> merge_desc(asc_pairs(Rs)).

asc_pairs([A, B | Rest]) -> [merge_from_asc(A, B, []) | asc_pairs(Rest)];
asc_pairs([A]) -> [lists:reverse(A)];
asc_pairs([]) -> [].

%% Two ascending lists into one descending: the smaller head goes first;
%% on a tie A's.
merge_from_asc([H1 | T1] = A, [H2 | T2] = B, Acc) ->
    if
        H1 =< H2 -> merge_from_asc(T1, B, [H1 | Acc]);
        true -> merge_from_asc(A, T2, [H2 | Acc])
    end;
merge_from_asc([], B, Acc) -> lists:reverse(B, Acc);
merge_from_asc(A, [], Acc) -> lists:reverse(A, Acc).

%% merge_le/3 merges two ascending lists into an ascending one (merge/2).
merge_le([H1 | T1], [H2 | _] = L2, Acc) when H1 =< H2 -> merge_le(T1, L2, [H1 | Acc]);
merge_le([_ | _] = L1, [H2 | T2], Acc) -> merge_le(L1, T2, [H2 | Acc]);
merge_le([], L2, Acc) -> lists:reverse(Acc, L2);
merge_le(L1, [], Acc) -> lists:reverse(Acc, L1).

%% sort/2 is sort/1's algorithm with Fun(A, B) meaning A =< B.
sort(Fun, [_, _ | _] = List) when is_function(Fun, 2) ->
    fmerge_desc(fruns(List, Fun, []), Fun);
sort(Fun, List) when is_function(Fun, 2), is_list(List) -> List.

fruns([H | T], Fun, Runs) -> frun(T, Fun, [H], Runs);
fruns([], _Fun, Runs) -> lists:reverse(Runs).

frun([H | T] = Rest, Fun, [P | _] = Run, Runs) ->
    case Fun(P, H) of
        true -> frun(T, Fun, [H | Run], Runs);
        false -> fruns(Rest, Fun, [Run | Runs])
    end;
frun([], Fun, Run, Runs) -> fruns([], Fun, [Run | Runs]).

fmerge_desc([R], _Fun) -> lists:reverse(R);
fmerge_desc(Rs, Fun) -> fmerge_asc(fdesc_pairs(Rs, Fun), Fun).

fdesc_pairs([A, B | Rest], Fun) -> [fmerge_from_desc(Fun, A, B, []) | fdesc_pairs(Rest, Fun)];
fdesc_pairs([A], _Fun) -> [lists:reverse(A)];
fdesc_pairs([], _Fun) -> [].

fmerge_from_desc(Fun, [H1 | T1] = A, [H2 | T2] = B, Acc) ->
    case Fun(H1, H2) of
        false -> fmerge_from_desc(Fun, T1, B, [H1 | Acc]);
        true -> fmerge_from_desc(Fun, A, T2, [H2 | Acc])
    end;
fmerge_from_desc(_Fun, [], B, Acc) -> lists:reverse(B, Acc);
fmerge_from_desc(_Fun, A, [], Acc) -> lists:reverse(A, Acc).

fmerge_asc([R], _Fun) -> R;
fmerge_asc(Rs, Fun) -> fmerge_desc(fasc_pairs(Rs, Fun), Fun).

fasc_pairs([A, B | Rest], Fun) -> [fmerge_from_asc(Fun, A, B, []) | fasc_pairs(Rest, Fun)];
fasc_pairs([A], _Fun) -> [lists:reverse(A)];
fasc_pairs([], _Fun) -> [].

fmerge_from_asc(Fun, [H1 | T1] = A, [H2 | T2] = B, Acc) ->
    case Fun(H1, H2) of
        true -> fmerge_from_asc(Fun, T1, B, [H1 | Acc]);
        false -> fmerge_from_asc(Fun, A, T2, [H2 | Acc])
    end;
fmerge_from_asc(_Fun, [], B, Acc) -> lists:reverse(B, Acc);
fmerge_from_asc(_Fun, A, [], Acc) -> lists:reverse(A, Acc).

%% fmerge/4 merges two lists sorted by Fun into one (merge/3).
fmerge(Fun, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Fun(H1, H2) of
        true -> fmerge(Fun, T1, L2, [H1 | Acc]);
        false -> fmerge(Fun, L1, T2, [H2 | Acc])
    end;
fmerge(_Fun, [], L2, Acc) -> lists:reverse(Acc, L2);
fmerge(_Fun, L1, [], Acc) -> lists:reverse(Acc, L1).

usort(List) when is_list(List) -> dedup(sort(List)).

%% Drops each element equal (==) to the one kept before it.
dedup([X | T]) -> [X | dedup(X, T)];
dedup([]) -> [].

dedup(X, [Y | T]) when X == Y -> dedup(X, T);
dedup(_, [Y | T]) -> [Y | dedup(Y, T)];
dedup(_, []) -> [].

usort(Fun, List) when is_function(Fun, 2) -> fdedup(Fun, sort(Fun, List)).

fdedup(Fun, [X | T]) -> [X | fdedup(Fun, X, T)];
fdedup(_Fun, []) -> [].

fdedup(Fun, X, [Y | T]) ->
    case Fun(Y, X) of
        true -> fdedup(Fun, X, T);
        false -> [Y | fdedup(Fun, Y, T)]
    end;
fdedup(_Fun, _, []) -> [].

keysort(N, List) when is_integer(N), N > 0 ->
    sort(fun(A, B) -> element(N, A) =< element(N, B) end, List).

ukeysort(N, List) when is_integer(N), N > 0 ->
    kdedup(N, keysort(N, List)).

kdedup(N, [X | T]) -> [X | kdedup(N, element(N, X), T)];
kdedup(_N, []) -> [].

kdedup(N, K, [Y | T]) ->
    case element(N, Y) of
        KY when KY == K -> kdedup(N, K, T);
        KY -> [Y | kdedup(N, KY, T)]
    end;
kdedup(_N, _K, []) -> [].

%%% Merging sorted lists: on ties the element of the earlier list comes first.

merge(L1, L2) when is_list(L1), is_list(L2) -> merge_le(L1, L2, []).

merge(Fun, L1, L2) when is_function(Fun, 2), is_list(L1), is_list(L2) ->
    fmerge(Fun, L1, L2, []).

merge(ListOfLists) when is_list(ListOfLists) ->
    foldr(fun(L, Acc) -> merge(L, Acc) end, [], ListOfLists).

merge3(L1, L2, L3) -> merge(L1, merge(L2, L3)).

umerge(L1, L2) when is_list(L1), is_list(L2) -> umerge_2(L1, L2).

umerge_2([H1 | T1], [H2 | T2]) when H1 == H2 -> [H1 | umerge_2(T1, T2)];
umerge_2([H1 | T1], [H2 | _] = L2) when H1 < H2 -> [H1 | umerge_2(T1, L2)];
umerge_2(L1, [H2 | T2]) when L1 =/= [] -> [H2 | umerge_2(L1, T2)];
umerge_2([], L2) -> L2;
umerge_2(L1, []) -> L1.

umerge(Fun, L1, L2) when is_function(Fun, 2), is_list(L1), is_list(L2) ->
    fdedup(Fun, fmerge(Fun, L1, L2, [])).

umerge(ListOfLists) when is_list(ListOfLists) ->
    foldr(fun(L, Acc) -> umerge(L, Acc) end, [], ListOfLists).

umerge3(L1, L2, L3) -> umerge(L1, umerge(L2, L3)).

keymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L1), is_list(L2) ->
    fmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2, []).

ukeymerge(N, L1, L2) when is_integer(N), N > 0, is_list(L1), is_list(L2) ->
    kdedup(N, keymerge(N, L1, L2)).
