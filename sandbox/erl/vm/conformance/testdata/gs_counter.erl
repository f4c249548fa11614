-module(gs_counter).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% a gen_server counter: start_link, call, cast.

init(N) -> {ok, N}.
handle_call(get, _From, N) -> {reply, N, N};
handle_call({add, K}, _From, N) -> {reply, ok, N + K}.
handle_cast(inc, N) -> {noreply, N + 1}.
handle_info(_, N) -> {noreply, N}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start_link(?MODULE, 10, []),
    ok = gen_server:call(Pid, {add, 5}),
    gen_server:cast(Pid, inc),
    gen_server:cast(Pid, inc),
    V = gen_server:call(Pid, get),
    ok = gen_server:stop(Pid),
    {V, is_process_alive(Pid)}.
