-module(statem_local_name).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% gen_statem started with {local, Name} and called by name.

callback_mode() -> handle_event_function.

init(X) -> {ok, s, X}.

handle_event({call, From}, get, _, X) -> {keep_state_and_data, [{reply, From, X}]}.

main() ->
    {ok, Pid} = gen_statem:start({local, statem_named}, ?MODULE, 42, []),
    A = gen_statem:call(statem_named, get),
    {error, {already_started, P2}} = gen_statem:start({local, statem_named}, ?MODULE, 0, []),
    gen_statem:stop(statem_named),
    {A, P2 =:= Pid, whereis(statem_named)}.
