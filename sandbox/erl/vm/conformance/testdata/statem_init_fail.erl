-module(statem_init_fail).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% gen_statem init returning ignore, stop, or something else.

callback_mode() -> handle_event_function.
init(ignore) -> ignore;
init(stop) -> {stop, not_now};
init(bad) -> what.
handle_event(_, _, _, _) -> keep_state_and_data.

main() ->
    [gen_statem:start(?MODULE, X, []) || X <- [ignore, stop, bad]].
