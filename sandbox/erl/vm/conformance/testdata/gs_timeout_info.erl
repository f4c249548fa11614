-module(gs_timeout_info).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% a timeout in a callback's return sends timeout to handle_info.

init(Parent) -> {ok, Parent, 10}.
handle_call(_, _From, S) -> {reply, ok, S, 10}.
handle_cast(_, S) -> {noreply, S}.
handle_info(timeout, Parent) -> Parent ! got_timeout, {noreply, Parent}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, self(), []),
    A = receive got_timeout -> first after 1000 -> none end,
    ok = gen_server:call(Pid, again),
    B = receive got_timeout -> second after 1000 -> none end,
    gen_server:stop(Pid),
    {A, B}.
