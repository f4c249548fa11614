-module(hot_code_change_fails).
-export([main/0]).
%% a code_change that fails leaves the old state and reports the error.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src() ->
    "-module(hot_ccf).\n-behaviour(gen_server).\n"
    "-export([init/1, handle_call/3, handle_cast/2, code_change/3]).\n"
    "init(N) -> {ok, N}.\n"
    "handle_call(get, _F, S) -> {reply, S, S}.\n"
    "handle_cast(_, S) -> {noreply, S}.\n"
    "code_change(_Old, _S, _Extra) -> {error, not_today}.\n".

main() ->
    {module, hot_ccf} = load(src()),
    {ok, Pid} = gen_server:start(hot_ccf, 3, []),
    ok = sys:suspend(Pid),
    R = sys:change_code(Pid, hot_ccf, undefined, []),
    ok = sys:resume(Pid),
    V = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {R, V}.
