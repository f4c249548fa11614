-module(gs_init_ignore).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% init returning ignore and {stop, Reason}.

init(ignore) -> ignore;
init(stop) -> {stop, no_way};
init(crash) -> erlang:error(bad_init).
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    A = gen_server:start(?MODULE, ignore, []),
    B = gen_server:start(?MODULE, stop, []),
    {error, {bad_init, [{?MODULE, init, 1, _} | _]}} = gen_server:start(?MODULE, crash, []),
    process_flag(trap_exit, true),
    C = gen_server:start_link(?MODULE, stop, []),
    D = receive {'EXIT', _, Why} -> Why after 100 -> none end,
    {A, B, C, D}.
