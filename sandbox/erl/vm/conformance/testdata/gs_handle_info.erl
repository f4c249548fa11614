-module(gs_handle_info).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% plain messages go to handle_info.

init([]) -> {ok, []}.
handle_call(get, _From, S) -> {reply, lists:reverse(S), S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(Msg, S) -> {noreply, [Msg | S]}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    Pid ! one, Pid ! {two, 2}, Pid ! "three",
    R = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    R.
