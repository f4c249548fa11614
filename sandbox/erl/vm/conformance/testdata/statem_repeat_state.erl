-module(statem_repeat_state).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% repeat_state runs the state enter call again; keep_state does not.

callback_mode() -> [handle_event_function, state_enter].
init(R) -> {ok, s, R}.

handle_event(enter, Old, S, R) -> R ! {enter, Old, S}, keep_state_and_data;
handle_event(cast, repeat, _, _) -> repeat_state_and_data;
handle_event(cast, keep, _, _) -> keep_state_and_data;
handle_event(cast, next, s, R) -> {next_state, t, R}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    [gen_statem:cast(Pid, C) || C <- [keep, repeat, keep, next, repeat]],
    L = [receive {enter, O, S} -> {O, S} end || _ <- [1, 2, 3, 4]],
    Extra = receive E -> E after 30 -> none end,
    gen_statem:stop(Pid),
    {L, Extra}.
