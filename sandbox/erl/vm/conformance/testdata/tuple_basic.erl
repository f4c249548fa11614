-module(tuple_basic).
-export([main/0]).
%% Tuple BIFs.
main() ->
    T = {a, b, c},
    [element(2, T), setelement(1, T, x), tuple_size(T), tuple_to_list(T), list_to_tuple([1, 2]),
     erlang:append_element(T, d), erlang:make_tuple(3, z), erlang:make_tuple(4, 0, [{2, a}, {4, b}]),
     erlang:insert_element(2, T, new), erlang:delete_element(3, T), {}, tuple_size({}), size(T),
     {{nested, {deep}}, [T]}].
