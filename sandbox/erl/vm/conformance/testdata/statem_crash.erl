-module(statem_crash).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% a state callback that crashes: callers and monitors see the reason.

callback_mode() -> handle_event_function.
init(_) -> {ok, s, []}.
handle_event({call, _From}, crash, _, _) -> erlang:error(statem_boom);
handle_event(cast, bad, _, _) -> not_a_valid_result.

main() ->
    {ok, P1} = gen_statem:start(?MODULE, [], []),
    A = try gen_statem:call(P1, crash) catch exit:{{statem_boom, _}, {gen_statem, call, _}} -> caught end,
    {ok, P2} = gen_statem:start(?MODULE, [], []),
    Ref = monitor(process, P2),
    gen_statem:cast(P2, bad),
    B = receive {'DOWN', Ref, process, P2, {Why, _Stack}} -> Why end,
    {A, B}.
