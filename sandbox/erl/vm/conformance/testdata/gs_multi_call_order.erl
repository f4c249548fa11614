-module(gs_multi_call_order).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% several clients calling one server each get their own reply.

init([]) -> {ok, 0}.
handle_call({double, X}, _From, N) -> {reply, 2 * X, N + 1};
handle_call(count, _From, N) -> {reply, N, N}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    Me = self(),
    [spawn(fun() -> Me ! {I, gen_server:call(Pid, {double, I})} end) || I <- lists:seq(1, 20)],
    Rs = lists:sort([receive {I, R} -> {I, R} end || _ <- lists:seq(1, 20)]),
    N = gen_server:call(Pid, count),
    gen_server:stop(Pid),
    {lists:all(fun({I, R}) -> R =:= 2 * I end, Rs), length(Rs), N}.
