-module(statem_postpone_internal).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% a postponed event is retried after a state change made by an internal event.

callback_mode() -> handle_event_function.
init(R) -> {ok, waiting, R}.

handle_event(cast, job, waiting, _) -> {keep_state_and_data, [postpone, {next_event, internal, ready}]};
handle_event(internal, ready, waiting, R) -> {next_state, working, R};
handle_event(cast, job, working, R) -> R ! {done_in, working}, {next_state, waiting, R}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, job),
    R = receive M -> M after 1000 -> none end,
    S = sys:get_state(Pid),
    gen_statem:stop(Pid),
    {R, element(1, S)}.
