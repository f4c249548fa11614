-module(statem_event_timeout).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% an event timeout fires when no event arrives, and is cancelled by one.

callback_mode() -> handle_event_function.

init(R) -> {ok, waiting, R, [{timeout, 20, idle}]}.

handle_event(timeout, idle, waiting, R) -> R ! idle_fired, {next_state, idle, R};
handle_event(cast, poke, _, R) -> R ! poked, {keep_state_and_data, [{timeout, 20, idle}]};
handle_event({call, From}, where, S, _) -> {keep_state_and_data, [{reply, From, S}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    A = receive idle_fired -> fired after 1000 -> none end,
    B = gen_statem:call(Pid, where),
    gen_statem:cast(Pid, poke),
    C = receive poked -> poked end,
    D = gen_statem:call(Pid, where),
    gen_statem:stop(Pid),
    {A, B, C, D}.
