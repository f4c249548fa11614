%% The programs sandbox.sh times in real Erlang/OTP (erl +S 1) and in
%% otpbox's sandbox in both isolation modes (BenchmarkPrograms in
%% sandbox/bench_test.go). Each builds its own input, so that a sandbox
%% call carries no data in; each returns a checked number.
-module(sandbox_bench).
-export([fib/1, list_work/1, map_work/1, ring/1, spawn_wait/1, cases/0]).

%% The benchmarks: {Name, Function, Argument}.
cases() ->
    [{"Fib27", fib, 27},
     {"ListWork200k", list_work, 200000},
     {"MapWork2k", map_work, 2000},
     {"Ring200k", ring, 200},
     {"Spawn10k", spawn_wait, 10000}].

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

%% list_work(N): build N pseudo-random integers, map, sort and fold them.
list_work(N) ->
    L = input(N, 42, []),
    M = lists:map(fun(X) -> X rem 100000 end, L),
    S = lists:sort(M),
    lists:foldl(fun(X, A) -> X + A end, 0, S).

input(0, _, Acc) -> Acc;
input(N, X, Acc) ->
    X1 = (X * 1103515245 + 12345) band 16#7FFFFFFF,
    input(N - 1, X1, [X1 | Acc]).

%% map_work(N): build a map of N keys one put at a time, then fold it.
map_work(N) ->
    M = build(N, #{}),
    maps:fold(fun(K, V, A) -> K + V + A end, 0, M).

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).

%% ring(Laps): 1,000 processes in a ring pass a counter round Laps times
%% (200 laps: 200,000 messages).
ring(Laps) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, 999)),
    First ! Laps,
    wait_ring(First).

wait_ring(First) ->
    receive
        0 -> First ! stop, receive stop -> 0 end;
        N -> First ! N - 1, wait_ring(First)
    end.

relay(Next) ->
    receive
        stop -> Next ! stop;
        N -> Next ! N, relay(Next)
    end.

%% spawn_wait(N): spawn N processes that wait for a message, then stop
%% them all and wait until they are gone.
spawn_wait(N) ->
    Self = self(),
    Pids = [spawn(fun() -> receive stop -> Self ! done end end) || _ <- lists:seq(1, N)],
    [P ! stop || P <- Pids],
    collect(N).

collect(0) -> ok;
collect(N) -> receive done -> collect(N - 1) end.
