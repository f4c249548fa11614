-module(gs_terminate).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% gen_server:stop calls terminate with the reason.

init(Parent) -> {ok, Parent}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(Reason, Parent) -> Parent ! {terminated, Reason}, ignored.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, P1} = gen_server:start(?MODULE, self(), []),
    ok = gen_server:stop(P1),
    A = receive {terminated, R1} -> R1 end,
    {ok, P2} = gen_server:start(?MODULE, self(), []),
    ok = gen_server:stop(P2, {shutdown, bye}, infinity),
    B = receive {terminated, R2} -> R2 end,
    {A, B}.
