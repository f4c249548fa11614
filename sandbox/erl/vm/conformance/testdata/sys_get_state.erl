-module(sys_get_state).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% sys:get_state on a gen_server.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast({set, S}, _) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, #{n => 1}, []),
    A = sys:get_state(Pid),
    gen_server:cast(Pid, {set, [x]}),
    B = sys:get_state(Pid, 1000),
    gen_server:stop(Pid),
    {A, B}.
