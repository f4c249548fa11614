%% Exercise: two processes play ping-pong N times and report back.
-module(ping_pong).
-export([play/1]).
-include_lib("eunit/include/eunit.hrl").
play(N) ->
    Self = self(),
    Pong = spawn(fun() -> pong(0) end),
    spawn(fun() -> ping(N, Pong, Self) end),
    receive {done, Pings} -> {Pings, pong_count(Pong)} after 2000 -> timeout end.
ping(0, Pong, Parent) -> Parent ! {done, 0}, Pong ! finish;
ping(N, Pong, Parent) -> ping(N, N, Pong, Parent).
ping(0, Total, _Pong, Parent) -> Parent ! {done, Total};
ping(N, Total, Pong, Parent) ->
    Pong ! {ping, self()},
    receive pong -> ping(N - 1, Total, Pong, Parent) end.
pong(Count) ->
    receive
        {ping, From} -> From ! pong, pong(Count + 1);
        {count, From} -> From ! {pongs, Count}, pong(Count);
        finish -> ok
    end.
pong_count(Pong) ->
    Pong ! {count, self()},
    receive {pongs, C} -> C after 1000 -> timeout end.
three_test() -> ?assertEqual({3, 3}, play(3)).
hundred_test() -> ?assertEqual({100, 100}, play(100)).
