-module(statem_state_timeout).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% a state timeout is cancelled by a state change, not by events.

callback_mode() -> handle_event_function.

init(R) -> {ok, s1, R, [{state_timeout, 30, t1}]}.

handle_event(state_timeout, T, S, R) -> R ! {timeout, S, T}, {next_state, done, R};
handle_event(cast, noise, _, _) -> keep_state_and_data;
handle_event(cast, move, s1, R) -> {next_state, s2, R, [{state_timeout, 10, t2}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, noise),
    A = receive {timeout, S, T} -> {S, T} after 1000 -> none end,
    {ok, Pid2} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid2, move),
    B = receive {timeout, S2, T2} -> {S2, T2} after 1000 -> none end,
    C = receive Extra -> Extra after 50 -> none end,
    gen_statem:stop(Pid), gen_statem:stop(Pid2),
    {A, B, C}.
