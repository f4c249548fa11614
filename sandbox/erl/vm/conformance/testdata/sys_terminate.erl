-module(sys_terminate).
-export([main/0, init/1, handle_call/3, handle_cast/2, terminate/2]).
-behaviour(gen_server).
%% sys:terminate stops a gen_server with the given reason.

init(R) -> {ok, R}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
terminate(Reason, R) -> R ! {terminate, Reason}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, self(), []),
    Ref = monitor(process, Pid),
    ok = sys:terminate(Pid, {shutdown, asked}),
    A = receive {terminate, X} -> X end,
    B = receive {'DOWN', Ref, process, Pid, Y} -> Y end,
    {A, B}.
