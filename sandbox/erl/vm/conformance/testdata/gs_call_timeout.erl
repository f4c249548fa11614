-module(gs_call_timeout).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).
-behaviour(gen_server).
%% gen_server:call/3 exits with timeout when the server is slow.

init([]) -> {ok, []}.
handle_call(slow, _From, S) -> timer:sleep(200), {reply, late, S};
handle_call(fast, _From, S) -> {reply, fast, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
terminate(_, _) -> ok.
code_change(_, S, _) -> {ok, S}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    R = try gen_server:call(Pid, slow, 20)
        catch exit:{timeout, {gen_server, call, [_, slow, 20]}} -> timeout
        end,
    F = gen_server:call(Pid, fast),
    %% the late reply is dropped, not left in the caller's mailbox
    timer:sleep(250),
    Stray = receive M -> M after 0 -> none end,
    gen_server:stop(Pid),
    {R, F, Stray}.
