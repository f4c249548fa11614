-module(gs_local_name).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% a gen_server registered with {local, Name}, called by name.

init([]) -> {ok, #{}}.
handle_call({put, K, V}, _From, M) -> {reply, ok, M#{K => V}};
handle_call({get, K}, _From, M) -> {reply, maps:get(K, M, none), M}.
handle_cast(_, M) -> {noreply, M}.
handle_info(_, M) -> {noreply, M}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start({local, gs_kv}, ?MODULE, [], []),
    Same = whereis(gs_kv) =:= Pid,
    ok = gen_server:call(gs_kv, {put, a, 1}),
    A = gen_server:call(gs_kv, {get, a}),
    B = gen_server:call(gs_kv, {get, b}),
    Again = gen_server:start({local, gs_kv}, ?MODULE, [], []),
    {error, {already_started, P2}} = Again,
    gen_server:stop(gs_kv),
    {Same, A, B, P2 =:= Pid, whereis(gs_kv)}.
