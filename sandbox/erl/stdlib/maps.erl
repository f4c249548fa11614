%% maps: functions over maps, written for otpbox with OTP 25's results and
%% errors. The functions BEAM implements as BIFs are stubs that the VM binds
%% to Go. Iterators are OTP 25's: [Position | Map], advanced by the
%% erts_internal:map_next/3 BIF, which hands out pairs in batches in BEAM's
%% iteration order (key order up to 32 keys, the hash trie's order above).
-module(maps).

-export([get/3, filter/2, filtermap/2, fold/3, foreach/2, map/2, size/1, new/0,
         update_with/3, update_with/4, without/2, with/2, iterator/1, next/1,
         intersect/2, intersect_with/3, merge_with/3,
         groups_from_list/2, groups_from_list/3]).

%% BIFs, and to_list/1
-export([get/2, find/2, from_list/1, from_keys/2, is_key/2, keys/1, merge/2,
         put/3, remove/2, take/2, to_list/1, update/3, values/1]).

get(_Key, _Map) -> erlang:nif_error(undef).
find(_Key, _Map) -> erlang:nif_error(undef).
from_list(_List) -> erlang:nif_error(undef).
from_keys(_Keys, _Value) -> erlang:nif_error(undef).
is_key(_Key, _Map) -> erlang:nif_error(undef).
keys(_Map) -> erlang:nif_error(undef).
merge(_Map1, _Map2) -> erlang:nif_error(undef).
put(_Key, _Value, _Map) -> erlang:nif_error(undef).
remove(_Key, _Map) -> erlang:nif_error(undef).
take(_Key, _Map) -> erlang:nif_error(undef).
update(_Key, _Value, _Map) -> erlang:nif_error(undef).
values(_Map) -> erlang:nif_error(undef).

new() -> #{}.

%% to_list/1 is Erlang in OTP 25 as well (over an internal iterator BIF).
to_list(Map) when is_map(Map) -> [{K, map_get(K, Map)} || K <- maps:keys(Map)];
to_list(Map) -> erlang:error({badmap, Map}, [Map]).

size(Map) when is_map(Map) -> map_size(Map);
size(Map) -> erlang:error({badmap, Map}, [Map]).

get(Key, Map, Default) when is_map(Map) ->
    case Map of
        #{Key := Value} -> Value;
        #{} -> Default
    end;
get(Key, Map, Default) ->
    erlang:error({badmap, Map}, [Key, Map, Default]).

iterator(Map) when is_map(Map) -> [0 | Map];
iterator(Map) -> erlang:error({badmap, Map}, [Map]).

next({K, V, I}) -> {K, V, I};
next([Path | Map]) when is_integer(Path), is_map(Map) ->
    erts_internal:map_next(Path, Map, iterator);
next(none) -> none;
next(Iter) -> erlang:error(badarg, [Iter]).

%% first/2 starts iterating a map or an iterator, raising {badmap, MapOrIter}
%% with Args for anything else, as OTP 25 does.
first(MapOrIter, _Args) when is_map(MapOrIter) ->
    erts_internal:map_next(0, MapOrIter, fold);
first(MapOrIter, Args) ->
    try next(MapOrIter)
    catch error:_ -> erlang:error({badmap, MapOrIter}, Args)
    end.

%% next_batch/1 continues a loop over a map where its batch ended: the
%% [Pos | Map] there gets the next pairs in fold's batches, larger than
%% maps:next/1's because no program sees them (they are consumed inside
%% maps); anything else goes to next/1 (a tail call, so a bad iterator's
%% badarg shows the loop as its caller, as in OTP 25).
next_batch([Pos | Map]) when is_integer(Pos), Pos >= 0, is_map(Map) ->
    erts_internal:map_next(Pos, Map, fold);
next_batch(Iter) -> next(Iter).

filter(Pred, MapOrIter) when is_function(Pred, 2) ->
    maps:from_list(filter_1(Pred, first(MapOrIter, [Pred, MapOrIter])));
filter(Pred, Map) ->
    erlang:error(badarg, [Pred, Map]).

%% The *_1 loops take the next pair straight from the batch that
%% erts_internal:map_next/3 handed out (a {K, V, Next} whose Next is the next
%% pair): one clause test per pair, and next_batch/1 only at a batch's end.
filter_1(Pred, {K, V, Next}) ->
    case Pred(K, V) of
        true -> [{K, V} | filter_1(Pred, Next)];
        false -> filter_1(Pred, Next)
    end;
filter_1(_Pred, none) -> [];
filter_1(Pred, Iter) -> filter_1(Pred, next_batch(Iter)).

filtermap(Fun, MapOrIter) when is_function(Fun, 2) ->
    maps:from_list(filtermap_1(Fun, first(MapOrIter, [Fun, MapOrIter])));
filtermap(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

filtermap_1(Fun, {K, V, Next}) ->
    case Fun(K, V) of
        true -> [{K, V} | filtermap_1(Fun, Next)];
        {true, NewV} -> [{K, NewV} | filtermap_1(Fun, Next)];
        false -> filtermap_1(Fun, Next)
    end;
filtermap_1(_Fun, none) -> [];
filtermap_1(Fun, Iter) -> filtermap_1(Fun, next_batch(Iter)).

%% A map starts as the position [0 | Map], which fold_1 turns into batches
%% through next_batch/1, or which the VM walks itself while Fun is a fun
%% it can run without a frame (funLoop in sandbox/erl/vm/leaf.go).
fold(Fun, Init, Map) when is_function(Fun, 3), is_map(Map) ->
    fold_1(Fun, Init, [0 | Map]);
fold(Fun, Init, MapOrIter) when is_function(Fun, 3) ->
    fold_1(Fun, Init, first(MapOrIter, [Fun, Init, MapOrIter]));
fold(Fun, Init, Map) ->
    erlang:error(badarg, [Fun, Init, Map]).

fold_1(Fun, Acc, {K, V, Next}) -> fold_1(Fun, Fun(K, V, Acc), Next);
fold_1(_Fun, Acc, none) -> Acc;
fold_1(Fun, Acc, Iter) -> fold_1(Fun, Acc, next_batch(Iter)).

foreach(Fun, MapOrIter) when is_function(Fun, 2) ->
    foreach_1(Fun, first(MapOrIter, [Fun, MapOrIter]));
foreach(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

map(Fun, MapOrIter) when is_function(Fun, 2) ->
    maps:from_list(map_1(Fun, first(MapOrIter, [Fun, MapOrIter])));
map(Fun, Map) ->
    erlang:error(badarg, [Fun, Map]).

foreach_1(Fun, {K, V, Next}) ->
    Fun(K, V),
    foreach_1(Fun, Next);
foreach_1(_Fun, none) -> ok;
foreach_1(Fun, Iter) -> foreach_1(Fun, next_batch(Iter)).

map_1(Fun, {K, V, Next}) -> [{K, Fun(K, V)} | map_1(Fun, Next)];
map_1(_Fun, none) -> [];
map_1(Fun, Iter) -> map_1(Fun, next_batch(Iter)).

update_with(Key, Fun, Map) when is_function(Fun, 1), is_map(Map) ->
    case Map of
        #{Key := Value} -> Map#{Key := Fun(Value)};
        #{} -> erlang:error({badkey, Key}, [Key, Fun, Map])
    end;
update_with(Key, Fun, Map) when is_function(Fun, 1) ->
    erlang:error({badmap, Map}, [Key, Fun, Map]);
update_with(Key, Fun, Map) ->
    erlang:error(badarg, [Key, Fun, Map]).

update_with(Key, Fun, Init, Map) when is_function(Fun, 1), is_map(Map) ->
    case Map of
        #{Key := Value} -> Map#{Key := Fun(Value)};
        #{} -> Map#{Key => Init}
    end;
update_with(Key, Fun, Init, Map) when is_function(Fun, 1) ->
    erlang:error({badmap, Map}, [Key, Fun, Init, Map]);
update_with(Key, Fun, Init, Map) ->
    erlang:error(badarg, [Key, Fun, Init, Map]).

without(Keys, Map) when is_list(Keys), is_map(Map) ->
    lists:foldl(fun(K, M) -> maps:remove(K, M) end, Map, Keys);
without(Keys, Map) when is_map(Map) ->
    erlang:error(badarg, [Keys, Map]);
without(Keys, Map) ->
    erlang:error({badmap, Map}, [Keys, Map]).

with(Keys, Map) when is_list(Keys), is_map(Map) ->
    maps:from_list([{K, V} || K <- Keys, #{K := V} <- [Map]]);
with(Keys, Map) when is_map(Map) ->
    erlang:error(badarg, [Keys, Map]);
with(Keys, Map) ->
    erlang:error({badmap, Map}, [Keys, Map]).

intersect(Map1, Map2) when is_map(Map1), is_map(Map2) ->
    intersect_with(fun(_K, _V1, V2) -> V2 end, Map1, Map2);
intersect(Map1, Map2) when is_map(Map1) ->
    erlang:error({badmap, Map2}, [Map1, Map2]);
intersect(Map1, Map2) ->
    erlang:error({badmap, Map1}, [Map1, Map2]).

intersect_with(Combiner, Map1, Map2)
  when is_map(Map1), is_map(Map2), is_function(Combiner, 3) ->
    maps:from_list([{K, Combiner(K, V1, V2)}
                    || {K, V1} <- maps:to_list(Map1), #{K := V2} <- [Map2]]);
intersect_with(Combiner, Map1, Map2) when is_map(Map1), is_map(Map2) ->
    erlang:error(badarg, [Combiner, Map1, Map2]);
intersect_with(Combiner, Map1, Map2) when is_map(Map1) ->
    erlang:error({badmap, Map2}, [Combiner, Map1, Map2]);
intersect_with(Combiner, Map1, Map2) ->
    erlang:error({badmap, Map1}, [Combiner, Map1, Map2]).

merge_with(Combiner, Map1, Map2)
  when is_map(Map1), is_map(Map2), is_function(Combiner, 3) ->
    lists:foldl(fun({K, V2}, Acc) ->
                        case Acc of
                            #{K := V1} -> Acc#{K := Combiner(K, V1, V2)};
                            #{} -> Acc#{K => V2}
                        end
                end, Map1, maps:to_list(Map2));
merge_with(Combiner, Map1, Map2) when is_map(Map1), is_map(Map2) ->
    erlang:error(badarg, [Combiner, Map1, Map2]);
merge_with(Combiner, Map1, Map2) when is_map(Map1) ->
    erlang:error({badmap, Map2}, [Combiner, Map1, Map2]);
merge_with(Combiner, Map1, Map2) ->
    erlang:error({badmap, Map1}, [Combiner, Map1, Map2]).

groups_from_list(KeyFun, List) when is_function(KeyFun, 1), is_list(List) ->
    groups(fun(X) -> {KeyFun(X), X} end, List);
groups_from_list(KeyFun, List) ->
    erlang:error(badarg, [KeyFun, List]).

groups_from_list(KeyFun, ValueFun, List)
  when is_function(KeyFun, 1), is_function(ValueFun, 1), is_list(List) ->
    groups(fun(X) -> {KeyFun(X), ValueFun(X)} end, List);
groups_from_list(KeyFun, ValueFun, List) ->
    erlang:error(badarg, [KeyFun, ValueFun, List]).

%% Groups in reverse, then restores each group's order.
groups(KV, List) ->
    Rev = lists:foldl(fun(X, Acc) ->
                              {K, V} = KV(X),
                              case Acc of
                                  #{K := Vs} -> Acc#{K := [V | Vs]};
                                  #{} -> Acc#{K => [V]}
                              end
                      end, #{}, List),
    maps:map(fun(_K, Vs) -> lists:reverse(Vs) end, Rev).
