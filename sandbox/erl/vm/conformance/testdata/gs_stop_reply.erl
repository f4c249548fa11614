-module(gs_stop_reply).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% handle_call returns {stop, Reason, Reply, State}.

init(Parent) -> {ok, Parent}.
handle_call(quit, _From, S) -> {stop, normal, goodbye, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(Reason, Parent) -> Parent ! {terminated, Reason}.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, self(), []),
    Ref = monitor(process, Pid),
    R = gen_server:call(Pid, quit),
    T = receive {terminated, X} -> X end,
    D = receive {'DOWN', Ref, process, Pid, Why} -> Why end,
    {R, T, D}.
