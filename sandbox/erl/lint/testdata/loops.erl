-module(loops).
-export([collect/0, start/0, start_linked/0, start_monitored/0, start_mfa/1, loop/1, good_loop/1, flush/0, not_tail/1, in_try/1, with_catch/1, orelse_loop/1]).

start() ->
    spawn(fun() -> loop(0) end). %% want OTP010 "loop/1 is a long-running loop"

start_linked() ->
    spawn_link(fun() -> loop(0) end).

start_monitored() ->
    Pid = spawn(fun() -> good_loop(0) end),
    erlang:monitor(process, Pid),
    Pid.

start_mfa(N) ->
    erlang:spawn(?MODULE, good_loop, [N]). %% want OTP010 "good_loop/1"

loop(N) ->
    receive %% want OTP008 "no catch-all clause"
        {add, M} ->
            loop(N + M);
        {get, From} ->
            From ! N,
            loop(N)
    end.

good_loop(N) ->
    receive
        stop -> ok;
        Other ->
            io:format("ignored ~p~n", [Other]),
            good_loop(N)
    end.

flush() ->
    receive
        {tick, _} -> flush()
    after 0 -> ok
    end.

not_tail(N) ->
    receive
        X ->
            not_tail(N + X), %% want OTP009 "outside tail position"
            ok
    end.

in_try(N) ->
    receive
        Msg ->
            try
                in_try(N + Msg) %% want OTP009 "outside tail position"
            catch
                _:_ -> in_try(N)
            end
    end.

with_catch(N) ->
    receive
        Msg -> catch with_catch(Msg + N) %% want OTP009 "try or catch"
    end.

orelse_loop(N) ->
    receive
        Msg -> is_atom(Msg) orelse orelse_loop(N)
    end.

%% A collector: bounded by its after, so building a list is fine.
collect() ->
    receive
        {item, X} -> [X | collect()]
    after 50 -> []
    end.
