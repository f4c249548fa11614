%% The same comparison for maps and proplists.
-module(compare_otp2).
-export([main/0]).
r(M, F, A) -> try {ok, apply(M, F, A)} catch C:R -> {C, R} end.
main() ->
    M = #{a => 1, b => 2, c => 3},
    P = [{a, 1}, b, {c, 3}, {a, 2}, {d, true}, {e, false}, {f}, {g, 1, 2}],
    MC = [{get, [a, M, x]}, {get, [z, M, x]}, {get, [a, x, y]}, {filter, [fun(K, _) -> K =/= b end, M]}, {filter, [x, M]}, {filter, [fun(_, _) -> true end, x]},
          {filtermap, [fun(_, V) when V > 1 -> {true, -V}; (_, _) -> false end, M]}, {fold, [fun(K, V, A) -> [{K, V} | A] end, [], M]},
          {fold, [fun(K, V, A) -> [{K, V} | A] end, [], x]}, {map, [fun(_, V) -> V * 2 end, M]}, {size, [M]}, {size, [x]}, {new, []},
          {update_with, [a, fun(V) -> V + 1 end, M]}, {update_with, [z, fun(V) -> V + 1 end, M]}, {update_with, [z, fun(V) -> V end, 0, M]},
          {without, [[a, z], M]}, {with, [[a, z], M]}, {with, [x, M]}, {without, [[a], x]}, {intersect, [M, #{a => x}]}, {intersect_with, [fun(_, A, B) -> {A, B} end, M, #{a => x}]},
          {merge_with, [fun(_, A, B) -> A + B end, M, #{a => 10, d => 4}]}, {groups_from_list, [fun(X) -> X rem 3 end, lists:seq(1, 10)]},
          {groups_from_list, [fun(X) -> X rem 2 end, fun(X) -> -X end, [1, 2, 3]]}, {groups_from_list, [x, []]}],
    PC = [{get_value, [a, P]}, {get_value, [b, P]}, {get_value, [f, P]}, {get_value, [f, P, d]}, {get_value, [g, P]}, {get_value, [z, P]}, {get_bool, [b, P]}, {get_bool, [e, P]},
          {lookup, [f, P]}, {lookup, [b, P]}, {lookup_all, [a, P]}, {is_defined, [g, P]}, {get_all_values, [a, P]}, {append_values, [a, [{a, [1, 2]}, {a, 3}, a]]},
          {get_keys, [P]}, {delete, [a, P]}, {compact, [P]}, {unfold, [P]}, {property, [{a, true}]}, {property, [a, 1]},
          {substitute_aliases, [[{a, x}, {b, y}], P]}, {substitute_negations, [[{d, nd}, {b, nb}, {e, ne}], P]},
          {expand, [[{b, [{x, 1}, y]}, {{d, true}, [q]}], P]}, {expand, [[{a, [z]}], [{a, 1}, a]]},
          {normalize, [P, [{aliases, [{a, aa}]}, {negations, [{e, ne}]}, {expand, [{b, [bb]}]}]]},
          {split, [P, [a, b, z]]}, {to_map, [P]}, {to_map, [P, [{aliases, [{a, q}]}]]}, {from_map, [M]}],
    Bad = [{Mod, F, A, O, T} || {Mod, Cs} <- [{maps, MC}, {proplists, PC}], {F, A} <- Cs,
                                (O = r(list_to_atom("x" ++ atom_to_list(Mod)), F, A)) =/= (T = r(Mod, F, A))],
    [io:format("~p~n", [B]) || B <- Bad],
    io:format("~p calls, ~p differ~n", [length(MC) + length(PC), length(Bad)]).
