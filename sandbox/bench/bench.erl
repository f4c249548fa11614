%% The benchmark programs, run by both otpbox's VM (bench_test.go) and real
%% Erlang/OTP (compare.sh). Each exported function is one benchmark; its
%% result is checked so that no work can be skipped.
-module(bench).
-export([fib/1, list_build/1, list_sort/1, list_fold/1, list_map/1, map_build/1, map_fold/1,
         map_work/1,
         input/1, map_input/1,
         format_input/0, format_p/1, ring/2, spawn_many/1]).

%% fib(27): calls and integer arithmetic.
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

%% input(N): N pseudo-random integers (a linear congruential generator, so
%% that both systems sort the same list).
input(N) -> input(N, 42, []).

input(0, _, Acc) -> Acc;
input(N, X, Acc) ->
    X1 = (X * 1103515245 + 12345) band 16#7FFFFFFF,
    input(N - 1, X1, [X1 | Acc]).

%% list_build(N): a list of N elements by body recursion, then its length.
list_build(N) -> length(build(N)).

build(0) -> [];
build(N) -> [N | build(N - 1)].

%% list_sort(L): lists:sort of a prepared list; returns the smallest element.
list_sort(L) -> hd(lists:sort(L)).

%% list_fold(L): the sum of a prepared list with lists:foldl.
list_fold(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, L).

%% list_map(L): lists:map over a prepared list; returns the last element.
list_map(L) -> lists:last(lists:map(fun(X) -> X * 2 + 1 end, L)).

%% map_build(N): a map of N integer keys built one put at a time.
map_build(N) -> map_size(map_build(N, #{})).

map_build(0, M) -> M;
map_build(N, M) -> map_build(N - 1, M#{N => N * 2}).

%% map_work(N): sandbox_bench.erl's MapWork2k in the VM alone: N puts one
%% at a time, then maps:fold over the result.
map_work(N) -> maps:fold(fun(K, V, A) -> K + V + A end, 0, map_build(N, #{})).

%% map_input(N): a prepared map of N keys for map_fold.
map_input(N) -> maps:from_list([{K, K} || K <- lists:seq(1, N)]).

%% map_fold(M): the sum of a prepared map's values with maps:fold.
map_fold(M) -> maps:fold(fun(_K, V, Acc) -> V + Acc end, 0, M).

%% format_input(): a term of 1,000 records-like tuples for format_p.
format_input() ->
    [{item, I, "name-" ++ integer_to_list(I), [I, I * 2, I / 4], #{id => I, tags => [a, b]}}
     || I <- lists:seq(1, 1000)].

%% format_p(T): io_lib:format's ~p of T, flattened; returns its length.
format_p(T) -> length(lists:flatten(io_lib:format("~p", [T]))).

%% ring(Procs, Hops): Procs processes in a ring pass a counter around
%% until it has made Hops hops; returns the final count.
ring(Procs, Hops) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> ring_node(Next) end) end,
                        Self, lists:seq(1, Procs - 1)),
    First ! {hop, 1, Hops},
    ring_main(First).

ring_main(First) ->
    receive
        {hop, N, Max} when N >= Max -> stop_ring(First), N;
        {hop, N, Max} -> First ! {hop, N + 1, Max}, ring_main(First)
    end.

ring_node(Next) ->
    receive
        {hop, N, Max} -> Next ! {hop, N + 1, Max}, ring_node(Next);
        stop -> Next ! stop
    end.

stop_ring(First) ->
    First ! stop,
    receive stop -> ok end.

%% spawn_many(N): spawns N processes that wait for a message, then stops
%% them all and waits until each has gone; returns N.
spawn_many(N) ->
    Pids = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, N)],
    Refs = [begin R = monitor(process, P), P ! stop, R end || P <- Pids],
    [receive {'DOWN', R, process, _, _} -> ok end || R <- Refs],
    length(Pids).
