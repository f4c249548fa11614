%% A runaway process spins for ever beside a main that must still finish:
%% the scheduler preempts it, main prints its result and returns.
-module(runaway).
-export([main/0]).
main() ->
    spawn(fun spin/0),
    io:format("sum ~p~n", [sum(lists:seq(1, 100000), 0)]),
    done.
spin() -> spin().
sum([], A) -> A;
sum([H | T], A) -> sum(T, A + H).
