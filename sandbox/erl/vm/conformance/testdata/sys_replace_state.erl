-module(sys_replace_state).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% sys:replace_state changes the state a gen_server continues with.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast({set, S}, _) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 1, []),
    New = sys:replace_state(Pid, fun(N) -> N * 100 end),
    V = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {New, V}.
