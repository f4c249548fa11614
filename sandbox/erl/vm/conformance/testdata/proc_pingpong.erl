-module(proc_pingpong).
-export([main/0]).
%% two processes bouncing a counter.

pong() ->
    receive
        {ping, N, From} -> From ! {pong, N + 1}, pong();
        stop -> ok
    end.

ping(_Pong, N, 0) -> N;
ping(Pong, N, K) ->
    Pong ! {ping, N, self()},
    receive {pong, M} -> ping(Pong, M, K - 1) end.

main() ->
    Pong = spawn(fun pong/0),
    R = ping(Pong, 0, 1000),
    Pong ! stop,
    R.
