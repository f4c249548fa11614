%% Exercise: a counter process with a message protocol.
-module(counter).
-export([start/0, incr/1, value/1, stop/1]).
-include_lib("eunit/include/eunit.hrl").
start() -> spawn(fun() -> loop(0) end).
incr(Pid) -> Pid ! incr, ok.
value(Pid) ->
    Pid ! {get, self()},
    receive {count, N} -> N after 1000 -> timeout end.
stop(Pid) -> Pid ! stop, ok.
loop(N) ->
    receive
        incr -> loop(N + 1);
        {get, From} -> From ! {count, N}, loop(N);
        stop -> ok
    end.
count_test() ->
    P = start(),
    [incr(P) || _ <- lists:seq(1, 10)],
    ?assertEqual(10, value(P)),
    stop(P).
fresh_test() -> P = start(), ?assertEqual(0, value(P)), stop(P).
