-module(statem_timeout_zero).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% an event timeout of 0 fires only when no other event is waiting.

callback_mode() -> handle_event_function.
init(R) -> {ok, s, R}.

handle_event(cast, arm, _, R) -> {keep_state_and_data, [{timeout, 0, zero}]};
handle_event(cast, Other, _, R) -> R ! {cast, Other}, keep_state_and_data;
handle_event(timeout, Msg, _, R) -> R ! {timeout, Msg}, keep_state_and_data.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    ok = sys:suspend(Pid),
    gen_statem:cast(Pid, arm),
    gen_statem:cast(Pid, other),
    ok = sys:resume(Pid),
    A = [receive X -> X end],
    B = receive Y -> Y after 50 -> none end,
    gen_statem:cast(Pid, arm),
    C = receive Z -> Z after 1000 -> none end,
    gen_statem:stop(Pid),
    {A, B, C}.
