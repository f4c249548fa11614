-module(lc_patterns).
-export([main/0]).
%% Generator patterns skip elements that do not match.
main() ->
    Results = [{ok, 1}, {error, x}, {ok, 2}, bad, {ok, 3, extra}],
    [[V || {ok, V} <- Results], [E || {error, E} <- Results],
     [K || {K, _} <- [{a, 1}, {b, 2}, c]], [C || [C | _] <- ["ab", "", "cd"]]].
