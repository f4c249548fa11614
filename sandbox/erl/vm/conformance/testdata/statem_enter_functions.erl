-module(statem_enter_functions).
-export([main/0, init/1, callback_mode/0, one/3, two/3]).
-behaviour(gen_statem).
%% state enter with state_functions: each state's enter clause.

callback_mode() -> [state_functions, state_enter].

init(Report) -> {ok, one, Report}.

one(enter, Old, R) -> R ! {entered, one, Old}, keep_state_and_data;
one(cast, next, R) -> {next_state, two, R}.

two(enter, Old, R) -> R ! {entered, two, Old}, {keep_state_and_data, [{state_timeout, 10, back}]};
two(state_timeout, back, R) -> {next_state, one, R}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, next),
    L = [receive {entered, S, O} -> {S, O} end || _ <- [1, 2, 3]],
    gen_statem:stop(Pid),
    L.
