-module(gs_send_request).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).
-behaviour(gen_server).
%% gen_server:send_request and receive_response: a call in two steps.

init(_) -> {ok, 0}.
handle_call({add, X}, _From, S) -> {reply, S + X, S + X}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    R1 = gen_server:send_request(Pid, {add, 2}),
    R2 = gen_server:send_request(Pid, {add, 3}),
    A = gen_server:receive_response(R2, 1000),
    B = gen_server:receive_response(R1, 1000),
    gen_server:stop(Pid),
    {A, B}.
