-module(gs_trap_exit_shutdown).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% a trapping server linked to its parent runs terminate on the parent's shutdown exit.

init(Reporter) -> process_flag(trap_exit, true), {ok, Reporter}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(Reason, Reporter) -> Reporter ! {terminate, Reason}.
code_change(_, S, _) -> {ok, S}.

main() ->
    Me = self(),
    Parent = spawn(fun() ->
        {ok, Pid} = gen_server:start_link(?MODULE, Me, []),
        Me ! {server, Pid},
        receive after infinity -> ok end
    end),
    receive {server, _} -> ok end,
    exit(Parent, shutdown),
    receive {terminate, R} -> R after 1000 -> none end.
