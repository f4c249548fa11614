%% Exercise: a registered key-value server, crash-safe for its callers.
-module(kv_store).
-export([start/0, store/2, fetch/1, stop/0]).
-include_lib("eunit/include/eunit.hrl").
start() -> register(kv_store, spawn(fun() -> loop(#{}) end)), ok.
store(K, V) -> call({put, K, V}).
fetch(K) -> call({get, K}).
stop() -> call(stop).
call(Req) ->
    Ref = make_ref(),
    kv_store ! {Req, self(), Ref},
    receive {Ref, Reply} -> Reply after 1000 -> timeout end.
loop(M) ->
    receive
        {{put, K, V}, From, Ref} -> From ! {Ref, ok}, loop(M#{K => V});
        {{get, K}, From, Ref} -> From ! {Ref, maps:find(K, M)}, loop(M);
        {stop, From, Ref} -> From ! {Ref, stopped}
    end.
store_test() ->
    ok = start(),
    ?assertEqual(ok, store(a, 1)),
    ?assertEqual({ok, 1}, fetch(a)),
    ?assertEqual(error, fetch(b)),
    ?assertEqual(stopped, stop()),
    ?assertEqual(undefined, whereis(kv_store)).
