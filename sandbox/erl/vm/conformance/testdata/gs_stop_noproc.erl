-module(gs_stop_noproc).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).
-behaviour(gen_server).
%% gen_server:stop of a server that is gone exits with noproc.

init(_) -> {ok, []}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    ok = gen_server:stop(Pid),
    A = try gen_server:stop(Pid) catch exit:E -> E end,
    B = try gen_server:stop(gs_stop_nobody) catch exit:E2 -> E2 end,
    {A, B}.
