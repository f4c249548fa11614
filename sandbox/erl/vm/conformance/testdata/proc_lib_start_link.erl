-module(proc_lib_start_link).
-export([main/0, init/1]).
%% proc_lib:start_link waits for init_ack; the process records its ancestors and initial call.

init(Parent) ->
    proc_lib:init_ack(Parent, {ok, self()}),
    receive {question, From} -> From ! {answer, get('$ancestors') =:= [Parent], get('$initial_call')} end.

main() ->
    {ok, Pid} = proc_lib:start_link(?MODULE, init, [self()]),
    Pid ! {question, self()},
    A = receive {answer, Anc, IC} -> {Anc, IC} end,
    B = proc_lib:translate_initial_call(self()),
    {A, is_tuple(B)}.
