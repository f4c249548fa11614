-module(proc_initial_call).
-export([main/0, wait/0]).
%% process_info current_function and initial_call of a spawned MFA.

wait() -> receive stop -> ok end.

main() ->
    Pid = spawn(?MODULE, wait, []),
    timer:sleep(10),
    {initial_call, IC} = process_info(Pid, initial_call),
    {current_function, CF} = process_info(Pid, current_function),
    Pid ! stop,
    {IC, CF}.
