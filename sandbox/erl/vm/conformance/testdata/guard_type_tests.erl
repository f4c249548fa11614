-module(guard_type_tests).
-export([main/0]).
%% Every type-test BIF in guards.
main() ->
    Vals = [1, 1.5, a, true, "s", <<"b">>, <<1:1>>, {t}, #{}, fun main/0, self(), make_ref(), []],
    [classify(V) || V <- Vals].

classify(V) ->
    [N || {N, true} <- [{atom, is_atom(V)}, {binary, is_binary(V)}, {bitstring, is_bitstring(V)},
                        {boolean, is_boolean(V)}, {float, is_float(V)}, {function, is_function(V)},
                        {function0, is_function(V, 0)}, {integer, is_integer(V)}, {list, is_list(V)},
                        {map, is_map(V)}, {number, is_number(V)}, {pid, is_pid(V)}, {port, is_port(V)},
                        {reference, is_reference(V)}, {tuple, is_tuple(V)}, {record, is_record(V, t, 1)}]].
