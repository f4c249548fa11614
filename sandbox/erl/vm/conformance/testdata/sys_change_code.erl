-module(sys_change_code).
-export([main/0, init/1, handle_call/3, handle_cast/2, code_change/3]).
-behaviour(gen_server).
%% sys:change_code on a suspended gen_server calls code_change.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast({set, S}, _) -> {noreply, S}.

code_change(OldVsn, S, Extra) -> {ok, {upgraded, OldVsn, Extra, S}}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 5, []),
    ok = sys:suspend(Pid),
    ok = sys:change_code(Pid, ?MODULE, "1.0", extra_info),
    ok = sys:resume(Pid),
    V = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    V.
