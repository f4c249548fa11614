%% Times sandbox_bench's cases in real Erlang/OTP for sandbox.sh: the best
%% time of at least 5 runs and a second, printed as "NAME NANOSECONDS".
-module(sandbox_beam).
-export([main/0]).

main() ->
    [io:format("~s ~w~n", [Name, best_ns(fun() -> sandbox_bench:F(A) end)])
     || {Name, F, A} <- sandbox_bench:cases()],
    halt(0).

best_ns(F) ->
    F(),
    lists:min(run(F, 0, [])) * 1000.

run(_F, Total, Acc) when Total >= 1000000, length(Acc) >= 5 -> Acc;
run(F, Total, Acc) ->
    {T, _} = timer:tc(F),
    run(F, Total + T, [T | Acc]).
