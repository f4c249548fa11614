-module(statem_info_and_data).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% plain messages arrive as info events; keep_state changes only data.

callback_mode() -> handle_event_function.

init([]) -> {ok, counting, 0}.

handle_event(info, tick, counting, N) -> {keep_state, N + 1};
handle_event({call, From}, get, S, N) -> {keep_state_and_data, [{reply, From, {S, N}}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, [], []),
    [Pid ! tick || _ <- lists:seq(1, 5)],
    R = gen_statem:call(Pid, get),
    gen_statem:stop(Pid),
    R.
