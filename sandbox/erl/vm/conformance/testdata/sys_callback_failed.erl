-module(sys_callback_failed).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
%% a replace_state fun that crashes leaves the state and raises in the caller.

init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, 5, []),
    A = try sys:replace_state(Pid, fun(_) -> erlang:error(nope) end)
        catch error:{callback_failed, {gen_server, system_replace_state}, {error, nope}} -> failed
        end,
    B = gen_server:call(Pid, get),
    gen_server:stop(Pid),
    {A, B}.
