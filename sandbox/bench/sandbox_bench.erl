%% The programs sandbox.sh times in real Erlang/OTP (erl +S 1) and in
%% otpbox's sandbox in both isolation modes (BenchmarkPrograms in
%% sandbox/bench_test.go). Each builds its own input, so that a sandbox
%% call carries no data in; each returns a checked number.
-module(sandbox_bench).
-export([fib/1, list_work/1, map_work/1, cases/0]).

%% The benchmarks: {Name, Function, Argument}.
cases() ->
    [{"Fib27", fib, 27},
     {"ListWork200k", list_work, 200000},
     {"MapWork2k", map_work, 2000}].

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
