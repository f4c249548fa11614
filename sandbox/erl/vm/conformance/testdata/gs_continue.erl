-module(gs_continue).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3, handle_continue/2]).
-behaviour(gen_server).
%% handle_continue after init and after a callback.

init(Parent) -> {ok, [init], {continue, {from_init, Parent}}}.
handle_continue({from_init, Parent}, S) -> Parent ! continued, {noreply, [continue | S]};
handle_continue(again, S) -> {noreply, [again | S]}.
handle_call(get, _From, S) -> {reply, lists:reverse(S), S};
handle_call(more, _From, S) -> {reply, ok, [more | S], {continue, again}}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, self(), []),
    receive continued -> ok end,
    ok = gen_server:call(Pid, more),
    R = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    R.
