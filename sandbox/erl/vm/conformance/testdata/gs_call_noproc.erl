-module(gs_call_noproc).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% calling a server that does not exist exits with noproc.

init([]) -> {ok, []}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    A = try gen_server:call(gs_nobody_registered, hi) catch exit:E -> E end,
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    gen_server:stop(Pid),
    B = try gen_server:call(Pid, hi) catch exit:{noproc, {gen_server, call, [_, hi]}} -> noproc end,
    C = gen_server:cast(gs_nobody_registered, hi),
    {A, B, C}.
