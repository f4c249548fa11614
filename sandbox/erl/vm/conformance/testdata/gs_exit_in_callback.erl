-module(gs_exit_in_callback).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).
-behaviour(gen_server).
%% exit/1 and throw in callbacks: exit stops the server, throw is a return value.

init(_) -> {ok, 0}.
handle_call(throw_reply, _From, S) -> throw({reply, thrown, S + 1});
handle_call(get, _From, S) -> {reply, S, S};
handle_call(exit, _From, _S) -> exit(bye_bye).
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    A = gen_server:call(Pid, throw_reply),
    B = gen_server:call(Pid, get),
    C = try gen_server:call(Pid, exit) catch exit:{R, {gen_server, call, _}} -> R end,
    {A, B, C, is_process_alive(Pid)}.
