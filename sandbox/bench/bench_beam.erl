%% Times bench.erl's programs in real Erlang/OTP for compare.sh: each runs
%% until at least a second has passed (and at least 5 times), and the
%% best time per run is printed as "NAME NANOSECONDS" (on a shared machine
%% the minimum is the least noisy estimate). Inputs are
%% prepared outside the timed region, as bench_test.go prepares them.
-module(bench_beam).
-export([main/0]).

-define(N, 200000).

main() ->
    L = bench:input(?N),
    M = bench:map_input(?N),
    T = bench:format_input(),
    Cases = [{"Fib27", fun() -> bench:fib(27) end},
             {"ListBuild", fun() -> bench:list_build(?N) end},
             {"ListSort", fun() -> bench:list_sort(L) end},
             {"ListFold", fun() -> bench:list_fold(L) end},
             {"ListMap", fun() -> bench:list_map(L) end},
             {"MapBuild", fun() -> bench:map_build(?N) end},
             {"MapFold", fun() -> bench:map_fold(M) end},
             {"FormatP", fun() -> bench:format_p(T) end},
             {"Ring", fun() -> bench:ring(1000, 200000) end},
             {"Spawn", fun() -> bench:spawn_many(50000) end}],
    [io:format("~s ~w~n", [Name, best_ns(F)]) || {Name, F} <- Cases],
    halt(0).

best_ns(F) ->
    F(), % warm up
    lists:min(run(F, 0, [])) * 1000.

run(_F, Total, Acc) when Total >= 1000000, length(Acc) >= 5 -> Acc;
run(F, Total, Acc) ->
    {T, _} = timer:tc(F),
    run(F, Total + T, [T | Acc]).
