%% Exceptions that record.sh formats with real Erlang's erl_error (as the
%% shell does: column 4, io_lib:print(T, Col, 80, 30), "** " in front)
%% into errfmt.golden; errfmt_test.go formats the same terms with
%% engine.FormatException.
-module(errfmt_cases).
-export([cases/0]).

cases() ->
    F = [{file, "m.erl"}, {line, 4}],
    S = [{m, main, 0, F}, {m, helper, 2, [{file, "m.erl"}, {line, 10}]}],
    Long = lists:seq(1, 40),
    [{error, {badmatch, 2}, S},
     {error, {badmatch, {a_long_tuple, Long, "a string", <<"binary">>}}, S},
     {error, badarith, [{erlang, '+', [a, 1], []} | S]},
     {error, badarith, [{erlang, '-', [x], []} | S]},
     {error, badarg, [{erlang, atom_to_list, [1], []} | S]},
     {error, badarg, [{erlang, binary_part, [<<"ab">>, 5, 1], []} | S]},
     {error, function_clause, [{m, f, [1, {x, y}], F} | S]},
     {error, function_clause, [{m, f, 2, F} | S]},
     {error, undef, [{nomod, nofun, [1, 2], []} | S]},
     {error, undef, [{nomod, nofun, 0, []}]},
     {error, {case_clause, [1, 2, 3]}, S},
     {error, if_clause, S},
     {error, {try_clause, ok}, S},
     {error, {badkey, k}, [{erlang, map_get, [k, #{}], []} | S]},
     {error, {badmap, [1]}, S},
     {error, {badfun, 42}, S},
     {error, {badarity, {fun lists:map/2, [1]}}, S},
     {error, system_limit, [{erlang, list_to_atom, ["x"], []} | S]},
     {error, {bad_generator, x}, S},
     {error, noproc, S},
     {error, {my_reason, [1, 2]}, S},
     {error, my_atom, []},
     {throw, {not_found, "key"}, S},
     {exit, normal, S},
     {exit, {shutdown, Long}, S},
     {error, {badmatch, 1}, not_a_stack},
     {error, 'quoted atom', [{'Quoted Mod', 'odd fun', 1, [{file, "q.erl"}, {line, 1}]}]},
     {error, {badmatch, "ünïcödé"}, S}].
