-module(statem_reply_stop).
-export([main/0, init/1, callback_mode/0, handle_event/4, terminate/3]).
-behaviour(gen_statem).
%% stop_and_reply, terminate and the caller's reply.

callback_mode() -> handle_event_function.

init(R) -> {ok, running, R}.

handle_event({call, From}, quit, _, _) -> {stop_and_reply, normal, [{reply, From, bye}]}.

terminate(Reason, State, R) -> R ! {terminate, Reason, State}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    A = gen_statem:call(Pid, quit),
    B = receive {terminate, Re, S} -> {Re, S} end,
    {A, B}.
