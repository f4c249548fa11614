-module(proplists_basic).
-export([main/0]).
%% proplists: lookups and normalisation.
main() ->
    P = [{a, 1}, b, {c, 3}, {a, 2}, {d, true}, {e, false}],
    [proplists:get_value(a, P), proplists:get_value(z, P), proplists:get_value(z, P, dflt),
     proplists:get_value(b, P), proplists:get_bool(b, P), proplists:get_bool(d, P), proplists:get_bool(e, P),
     proplists:lookup(a, P), proplists:lookup(b, P), proplists:lookup(z, P), proplists:lookup_all(a, P),
     proplists:get_all_values(a, P), proplists:is_defined(c, P), proplists:is_defined(z, P),
     proplists:delete(a, P), proplists:get_keys(P), proplists:append_values(a, [{a, [x]}, {a, y}]),
     proplists:compact([{a, true}, {b, 1}]), proplists:property({a, true}), proplists:property(b, 2),
     proplists:unfold([a, {b, 1}]), proplists:to_map(P), proplists:from_map(#{x => 1})].
