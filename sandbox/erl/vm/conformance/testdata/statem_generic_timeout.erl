-module(statem_generic_timeout).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% named generic timeouts, and cancelling one with infinity.

callback_mode() -> handle_event_function.

init(R) -> {ok, s, R, [{{timeout, a}, 10, fire_a}, {{timeout, b}, 20, fire_b}]}.

handle_event({timeout, Name}, Msg, _, R) -> R ! {Name, Msg}, keep_state_and_data;
handle_event(cast, cancel_b, _, _) -> {keep_state_and_data, [{{timeout, b}, cancel}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, cancel_b),
    A = receive {N, M} -> {N, M} after 1000 -> none end,
    B = receive {N2, M2} -> {N2, M2} after 60 -> none end,
    gen_statem:stop(Pid),
    {A, B}.
