-module(sys_get_status).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% sys:get_status of a gen_server: the parts that do not name pids.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast({set, S}, _) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start({local, sys_status_srv}, ?MODULE, secret, []),
    {status, P, {module, Mod}, [PDict, SysState, Parent, Dbg, Misc]} = sys:get_status(Pid),
    Data = [[case KV of {"Parent", X} -> {"Parent", X =:= Pid}; _ -> KV end || KV <- D]
            || {data, D} <- Misc],
    gen_server:stop(Pid),
    {P =:= Pid, Mod, is_list(PDict), SysState, Parent =:= Pid, Dbg, Data}.
