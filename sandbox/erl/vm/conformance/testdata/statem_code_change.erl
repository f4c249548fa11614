-module(statem_code_change).
-export([main/0, init/1, callback_mode/0, handle_event/4, code_change/4]).
-behaviour(gen_statem).
%% sys:change_code on a gen_statem calls code_change/4.

callback_mode() -> handle_event_function.
init(D) -> {ok, old_state, D}.
handle_event({call, From}, get, S, D) -> {keep_state_and_data, [{reply, From, {S, D}}]}.
code_change(Vsn, S, D, Extra) -> {ok, {new, S}, {Vsn, D, Extra}}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, 1, []),
    ok = sys:suspend(Pid),
    ok = sys:change_code(Pid, ?MODULE, "0.9", more),
    ok = sys:resume(Pid),
    R = gen_statem:call(Pid, get),
    gen_statem:stop(Pid),
    R.
