-module(sys_statem_state).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% sys:get_state and replace_state on a gen_statem give {State, Data}.

callback_mode() -> handle_event_function.
init(D) -> {ok, idle, D}.
handle_event({call, From}, get, S, D) -> {keep_state_and_data, [{reply, From, {S, D}}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, 1, []),
    A = sys:get_state(Pid),
    B = sys:replace_state(Pid, fun({_S, D}) -> {busy, D + 1} end),
    C = gen_statem:call(Pid, get),
    gen_statem:stop(Pid),
    {A, B, C}.
