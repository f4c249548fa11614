-module(map_put_fused).
-export([main/0]).
%% M#{K => V}: in a guard, with several fields, with := after =>, over
%% lines, on a non-map, and in a loop of puts (the VM fuses the check
%% with the first put).
g(M) when map_size(M#{a => 1}) > 1 -> big;
g(_) -> small.

u(M, K, V) -> M#{K => V, b => K}.

w(M, K) -> M#{K => 1, a := 2}.

lines(M, K) ->
    M#{
      K => 3
     }.

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).

%% The reason and the innermost frame of what F raises.
err(F) ->
    try F() catch error:R:S -> {R, hd(S)} end.

main() ->
    io:format("~p~n", [[g(1), g(#{}), g(#{b => 2})]]),
    io:format("~p~n", [[u(#{}, x, 1), u(#{x => 0}, x, 2), w(#{a => 0}, k), lines(#{}, q)]]),
    io:format("~p~n", [err(fun() -> u(3, x, 1) end)]),
    io:format("~p~n", [err(fun() -> w(#{}, k) end)]),
    io:format("~p~n", [err(fun() -> lines(foo, k) end)]),
    M = build(40, #{}),
    io:format("~p ~p~n", [map_size(M), maps:fold(fun(K, V, A) -> K + V + A end, 0, M)]),
    M#{x := 1}.
