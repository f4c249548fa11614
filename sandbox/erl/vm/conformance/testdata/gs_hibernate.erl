-module(gs_hibernate).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% hibernate in a callback's return is accepted and the state kept.

init(N) -> {ok, N, hibernate}.
handle_call(get, _From, N) -> {reply, N, N, hibernate}.
handle_cast(inc, N) -> {noreply, N + 1, hibernate}.
handle_info(_, N) -> {noreply, N}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 1, []),
    gen_server:cast(Pid, inc),
    V = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    V.
