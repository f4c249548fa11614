-module(statem_reply_later).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% gen_statem:reply/2 from a later event.

callback_mode() -> handle_event_function.

init([]) -> {ok, s, none}.

handle_event({call, From}, wait, _, none) -> {keep_state, From};
handle_event(cast, release, _, From) -> gen_statem:reply(From, released), {keep_state, none}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, [], []),
    Me = self(),
    spawn(fun() -> Me ! {got, gen_statem:call(Pid, wait)} end),
    timer:sleep(10),
    gen_statem:cast(Pid, release),
    R = receive {got, X} -> X end,
    gen_statem:stop(Pid),
    R.
