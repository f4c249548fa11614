-module(gs_noreply_reply).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% handle_call returns noreply and gen_server:reply answers later.

init([]) -> {ok, []}.
handle_call({wait, K}, From, Waiting) -> {noreply, [{K, From} | Waiting]};
handle_call({release, K}, _From, Waiting) ->
    {value, {K, F}, Rest} = lists:keytake(K, 1, Waiting),
    gen_server:reply(F, {released, K}),
    {reply, ok, Rest}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start_link(?MODULE, [], []),
    Parent = self(),
    spawn(fun() -> Parent ! {waiter, gen_server:call(Pid, {wait, x})} end),
    timer:sleep(10),
    ok = gen_server:call(Pid, {release, x}),
    R = receive {waiter, W} -> W end,
    gen_server:stop(Pid),
    R.
