-module(statem_enter).
-export([main/0, init/1, callback_mode/0, handle_event/4]).
-behaviour(gen_statem).
%% state enter calls run on every state change.

callback_mode() -> [handle_event_function, state_enter].

init(Report) -> {ok, a, Report}.

handle_event(enter, Old, New, Report) -> Report ! {enter, Old, New}, keep_state_and_data;
handle_event(cast, go, a, R) -> {next_state, b, R};
handle_event(cast, go, b, R) -> {next_state, a, R};
handle_event(cast, stay, _, _) -> {repeat_state_and_data, []};
handle_event({call, From}, data, _, D) -> {keep_state_and_data, [{reply, From, D}]}.

main() ->
    {ok, Pid} = gen_statem:start(?MODULE, self(), []),
    gen_statem:cast(Pid, go),
    gen_statem:cast(Pid, go),
    gen_statem:cast(Pid, stay),
    D = gen_statem:call(Pid, data),
    gen_statem:stop(Pid),
    {collect(), D =:= self()}.

collect() -> receive {enter, O, N} -> [{O, N} | collect()] after 50 -> [] end.
