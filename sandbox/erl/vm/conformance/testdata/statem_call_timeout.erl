-module(statem_call_timeout).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% gen_statem:call with a timeout, and calls to a dead server.

callback_mode() -> handle_event_function.

init([]) -> {ok, s, []}.

handle_event({call, _From}, ignore_me, _, _) -> keep_state_and_data;
handle_event({call, From}, echo, _, _) -> {keep_state_and_data, [{reply, From, echo}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, [], []),
    A = try gen_statem:call(Pid, ignore_me, 20) catch exit:{timeout, _} -> timeout end,
    B = gen_statem:call(Pid, echo),
    gen_statem:stop(Pid),
    C = try gen_statem:call(Pid, echo) catch exit:{noproc, _} -> noproc end,
    {A, B, C}.
