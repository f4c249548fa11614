-module(bif_misc).
-export([main/0]).
%% Assorted erlang BIFs used by sequential code.
main() ->
    [length([1, 2, 3]), size({a, b}), size(<<1, 2>>), erlang:max(3, 7), erlang:min(3, 7),
     erlang:is_builtin(erlang, length, 1), erlang:phash2(1) >= 0, erlang:bit_size(<<1:5>>),
     erlang:tuple_size({}), is_atom(erlang:node()), hd("x"), tl("xy"), erlang:element(1, {e}),
     lists:reverse(atom_to_list(abc)), erlang:make_ref() =/= erlang:make_ref(), erlang:universaltime() > {0, 0}].
