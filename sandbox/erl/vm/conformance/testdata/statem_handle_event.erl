-module(statem_handle_event).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% gen_statem with handle_event_function and a complex state.

callback_mode() -> handle_event_function.

init([]) -> {ok, {idle, 0}, []}.

handle_event(cast, {push, X}, {_, N}, Log) -> {next_state, {busy, N + 1}, [X | Log]};
handle_event(cast, pop, {busy, 1}, [_ | Log]) -> {next_state, {idle, 0}, Log};
handle_event(cast, pop, {busy, N}, [_ | Log]) -> {next_state, {busy, N - 1}, Log};
handle_event({call, From}, get, State, Log) -> {keep_state_and_data, [{reply, From, {State, Log}}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, [], []),
    gen_statem:cast(Pid, {push, a}),
    gen_statem:cast(Pid, {push, b}),
    A = gen_statem:call(Pid, get),
    gen_statem:cast(Pid, pop),
    gen_statem:cast(Pid, pop),
    B = gen_statem:call(Pid, get),
    gen_statem:stop(Pid),
    {A, B}.
