-module(gs_cast_stop).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% handle_cast returns {stop, ...}; monitors see the reason.

init([]) -> {ok, []}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast({stop, R}, S) -> {stop, R, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    Ref = monitor(process, Pid),
    gen_server:cast(Pid, {stop, {shutdown, done}}),
    receive {'DOWN', Ref, process, Pid, Why} -> Why end.
