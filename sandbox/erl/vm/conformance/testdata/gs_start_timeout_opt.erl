-module(gs_start_timeout_opt).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% start options: {timeout, T} lets a slow init fail the start.

init(Sleep) -> timer:sleep(Sleep), {ok, Sleep}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 1, [{timeout, 1000}]),
    A = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    B = gen_server:start(?MODULE, 200, [{timeout, 20}]),
    {A, B}.
