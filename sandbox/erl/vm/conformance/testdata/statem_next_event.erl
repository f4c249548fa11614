-module(statem_next_event).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% next_event actions insert events before queued ones.

callback_mode() -> handle_event_function.

init(R) -> {ok, s, R}.

handle_event(cast, start, _, R) ->
    {keep_state_and_data, [{next_event, internal, step1}, {next_event, internal, step2}]};
handle_event(internal, Step, _, R) -> R ! Step, keep_state_and_data;
handle_event(cast, later, _, R) -> R ! later, keep_state_and_data.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, start),
    gen_statem:cast(Pid, later),
    L = [receive X -> X end || _ <- [1, 2, 3]],
    gen_statem:stop(Pid),
    L.
