-module(hot_gen_server_upgrade).
-export([main/0]).
%% sys:suspend, load a new version, sys:change_code, sys:resume: the state is converted.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src(V, CC) ->
    "-module(hot_gsu).\n-behaviour(gen_server).\n"
    "-export([init/1, handle_call/3, handle_cast/2, code_change/3]).\n"
    "init(N) -> {ok, N}.\n"
    "handle_call(get, _F, S) -> {reply, {" ++ integer_to_list(V) ++ ", S}, S}.\n"
    "handle_cast(_, S) -> {noreply, S}.\n"
    "code_change(Old, S, Extra) -> " ++ CC ++ ".\n".

main() ->
    {module, hot_gsu} = load(src(1, "{ok, S}")),
    {ok, Pid} = gen_server:start(hot_gsu, 10, []),
    A = gen_server:call(Pid, get),
    ok = sys:suspend(Pid),
    {module, hot_gsu} = load(src(2, "{ok, {converted, Old, Extra, S}}")),
    ok = sys:change_code(Pid, hot_gsu, "v1", extra),
    ok = sys:resume(Pid),
    B = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {A, B}.
