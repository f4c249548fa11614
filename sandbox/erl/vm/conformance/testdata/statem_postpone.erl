-module(statem_postpone).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% postponed events are retried after the next state change.

callback_mode() -> handle_event_function.

init(Report) -> {ok, closed, Report}.

handle_event(cast, {item, X}, closed, _) -> {keep_state_and_data, [postpone]};
handle_event(cast, {item, X}, open, R) -> R ! {handled, X}, keep_state_and_data;
handle_event(cast, open, closed, R) -> {next_state, open, R};
handle_event(cast, close, open, R) -> {next_state, closed, R}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    [gen_statem:cast(Pid, {item, I}) || I <- [1, 2, 3]],
    Before = receive {handled, _} -> early after 30 -> nothing end,
    gen_statem:cast(Pid, open),
    After = [receive {handled, X} -> X end || _ <- [1, 2, 3]],
    gen_statem:stop(Pid),
    {Before, After}.
