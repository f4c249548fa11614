-module(order_types).
-export([main/0]).
%% The full term order across types.
main() ->
    Terms = [<<"bin">>, "str", [], #{a => 1}, {tuple}, self(), make_ref(), fun main/0, atom, 1.5, 1,
             -1 bsl 70, [a | b], <<1:3>>, {}, #{}],
    Sorted = lists:sort(Terms),
    [type(T) || T <- Sorted].

type(T) when is_integer(T) -> integer;
type(T) when is_float(T) -> float;
type(T) when is_atom(T) -> atom;
type(T) when is_reference(T) -> reference;
type(T) when is_function(T) -> 'fun';
type(T) when is_pid(T) -> pid;
type(T) when is_tuple(T) -> {tuple, tuple_size(T)};
type(T) when is_map(T) -> {map, map_size(T)};
type([]) -> nil;
type(T) when is_list(T) -> list;
type(T) when is_binary(T) -> binary;
type(T) when is_bitstring(T) -> bitstring.
