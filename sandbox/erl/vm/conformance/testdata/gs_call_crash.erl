-module(gs_call_crash).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% the caller of a call that crashes the server exits with the server's reason.

init([]) -> {ok, []}.
handle_call(crash, _From, _S) -> erlang:error(kaboom).
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    try gen_server:call(Pid, crash)
    catch exit:{{kaboom, [{?MODULE, handle_call, 3, _} | _]}, {gen_server, call, [_, crash]}} -> caught
    end.
