-module(gs_no_handle_info).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% a callback module without handle_info: unexpected messages are logged and ignored.

init([]) -> {ok, 0}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast(inc, S) -> {noreply, S + 1}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    Pid ! stray,
    gen_server:cast(Pid, inc),
    V = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    V.
