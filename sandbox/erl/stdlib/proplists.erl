%% proplists: property lists, written for otpbox with OTP 25's results.
%% A property is {Key, Value}, or an atom A standing for {A, true}; the
%% first entry for a key wins.
-module(proplists).

-export([property/1, property/2, unfold/1, compact/1, lookup/2, lookup_all/2,
         is_defined/2, get_value/2, get_value/3, get_all_values/2,
         append_values/2, get_bool/2, get_keys/1, delete/2,
         substitute_aliases/2, substitute_negations/2, expand/2, normalize/2,
         split/2, to_map/1, to_map/2, from_map/1]).

property({Key, true}) when is_atom(Key) -> Key;
property(Property) -> Property.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([P | Ps]) ->
    if
        is_atom(P) -> [{P, true} | unfold(Ps)];
        true -> [P | unfold(Ps)]
    end;
unfold([]) -> [].

compact(List) -> [property(P) || P <- List].

lookup(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> {Key, true};
        tuple_size(P) >= 1, element(1, P) =:= Key -> P;
        true -> lookup(Key, Ps)
    end;
lookup(_Key, []) -> none.

lookup_all(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [{Key, true} | lookup_all(Key, Ps)];
        tuple_size(P) >= 1, element(1, P) =:= Key -> [P | lookup_all(Key, Ps)];
        true -> lookup_all(Key, Ps)
    end;
lookup_all(_Key, []) -> [].

is_defined(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> true;
        tuple_size(P) >= 1, element(1, P) =:= Key -> true;
        true -> is_defined(Key, Ps)
    end;
is_defined(_Key, []) -> false.

get_value(Key, List) -> get_value(Key, List, undefined).

get_value(Key, [P | Ps], Default) ->
    if
        is_atom(P), P =:= Key -> true;
        tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} -> Value;
                _ -> Default
            end;
        true -> get_value(Key, Ps, Default)
    end;
get_value(_Key, [], Default) -> Default.

get_all_values(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [true | get_all_values(Key, Ps)];
        tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} -> [Value | get_all_values(Key, Ps)];
                _ -> get_all_values(Key, Ps)
            end;
        true -> get_all_values(Key, Ps)
    end;
get_all_values(_Key, []) -> [].

append_values(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> [true | append_values(Key, Ps)];
        tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} when is_list(Value) -> Value ++ append_values(Key, Ps);
                {_, Value} -> [Value | append_values(Key, Ps)];
                _ -> append_values(Key, Ps)
            end;
        true -> append_values(Key, Ps)
    end;
append_values(_Key, []) -> [].

get_bool(Key, List) ->
    case lookup(Key, List) of
        {Key, true} -> true;
        _ -> false
    end.

get_keys(List) -> get_keys(List, #{}, []).

get_keys([P | Ps], Seen, Acc) ->
    case prop_key(P) of
        {ok, Key} when not is_map_key(Key, Seen) -> get_keys(Ps, Seen#{Key => true}, [Key | Acc]);
        _ -> get_keys(Ps, Seen, Acc)
    end;
get_keys([], _Seen, Acc) -> lists:sort(Acc).

delete(Key, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> delete(Key, Ps);
        tuple_size(P) >= 1, element(1, P) =:= Key -> delete(Key, Ps);
        true -> [P | delete(Key, Ps)]
    end;
delete(_Key, []) -> [].

substitute_aliases(As, Props) -> [substitute_alias(As, P) || P <- Props].

substitute_alias([{Key, Key1} | As], P) ->
    if
        is_atom(P), P =:= Key -> property(Key1, true);
        tuple_size(P) >= 1, element(1, P) =:= Key -> property(setelement(1, P, Key1));
        true -> substitute_alias(As, P)
    end;
substitute_alias([], P) -> P.

substitute_negations(As, Props) -> [substitute_negation(As, P) || P <- Props].

substitute_negation([{Key, Key1} | As], P) ->
    if
        is_atom(P), P =:= Key -> property(Key1, false);
        tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, true} -> property(Key1, false);
                {_, false} -> property(Key1, true);
                _ -> property(Key1, true)
            end;
        true -> substitute_negation(As, P)
    end;
substitute_negation([], P) -> P.

%% expand/2: each property matching a key in Es is replaced by its
%% expansion (Es pairs a property with a list); later expansions never
%% override what earlier properties define.
expand(Es, Ps) when is_list(Ps) ->
    Es1 = [{property(P), V} || {P, V} <- Es],
    flatten(expand_1(key_uniq(Es1), Ps)).

expand_1([{P, L} | Es], Ps) -> expand_1(Es, expand_2(key(P), P, L, Ps));
expand_1([], Ps) -> Ps.

expand_2(Key, P1, L, [P | Ps]) ->
    if
        is_atom(P), P =:= Key -> expand_3(Key, P1, P, L, Ps);
        tuple_size(P) >= 1, element(1, P) =:= Key -> expand_3(Key, P1, property(P), L, Ps);
        true -> [P | expand_2(Key, P1, L, Ps)]
    end;
expand_2(_, _, _, []) -> [].

expand_3(Key, P1, P, L, Ps) ->
    if
        P1 =:= P -> [L | delete(Key, Ps)];
        true -> [P | Ps]
    end.

%% prop_key/1 is the key of a property, or none for an entry that is not
%% a property.
prop_key(P) when is_atom(P) -> {ok, P};
prop_key(P) when tuple_size(P) >= 1 -> {ok, element(1, P)};
prop_key(_) -> none.

key(P) when is_atom(P) -> P;
key(P) when tuple_size(P) >= 1 -> element(1, P);
key(P) -> P.

key_uniq([{K, V} | Ps]) -> [{K, V} | key_uniq_1(K, Ps)];
key_uniq([]) -> [].

key_uniq_1(K, [{K1, V} | Ps]) ->
    if
        K =:= K1 -> key_uniq_1(K, Ps);
        true -> [{K1, V} | key_uniq_1(K1, Ps)]
    end;
key_uniq_1(_, []) -> [].

flatten([E | Es]) when is_list(E) -> E ++ flatten(Es);
flatten([E | Es]) -> [E | flatten(Es)];
flatten([]) -> [].

normalize(L, [{aliases, As} | Xs]) -> normalize(substitute_aliases(As, L), Xs);
normalize(L, [{expand, Es} | Xs]) -> normalize(expand(Es, L), Xs);
normalize(L, [{negations, Ns} | Xs]) -> normalize(substitute_negations(Ns, L), Xs);
normalize(L, []) -> compact(L).

split(List, Keys) ->
    {Store, Rest} = split(List, maps:from_keys(Keys, []), []),
    {[lists:reverse(maps:get(K, Store)) || K <- Keys], lists:reverse(Rest)}.

split([P | Ps], Store, Rest) ->
    case prop_key(P) of
        {ok, Key} when is_map_key(Key, Store) ->
            split(Ps, Store#{Key := [P | maps:get(Key, Store)]}, Rest);
        _ ->
            split(Ps, Store, [P | Rest])
    end;
split([], Store, Rest) -> {Store, Rest}.

%% to_map/1: the first entry for a key wins, so entries are added last first.
to_map(List) ->
    lists:foldr(fun(P, M) when is_atom(P) -> M#{P => true};
                   ({K, V}, M) -> M#{K => V};
                   (_, M) -> M
                end, #{}, List).

to_map(List, Stages) -> to_map(normalize(List, Stages)).

from_map(Map) -> maps:to_list(Map).
