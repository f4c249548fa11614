-module(gs_terminate_crash).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).
-behaviour(gen_server).
%% terminate/2 that crashes: the crash becomes the exit reason.

init(_) -> {ok, []}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(stop, S) -> {stop, normal, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> erlang:error(in_terminate).

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    Ref = monitor(process, Pid),
    gen_server:cast(Pid, stop),
    receive {'DOWN', Ref, process, Pid, {Why, [{?MODULE, terminate, 2, _} | _]}} -> Why end.
