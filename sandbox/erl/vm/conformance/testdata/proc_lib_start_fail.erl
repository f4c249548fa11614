-module(proc_lib_start_fail).
-export([main/0, die/0, slow/0]).
%% proc_lib:start of a process that dies before init_ack, and one that is too slow.

die() -> exit(gave_up).
slow() -> timer:sleep(500), proc_lib:init_ack(late).

main() ->
    A = proc_lib:start(?MODULE, die, []),
    B = proc_lib:start(?MODULE, slow, [], 20),
    {A, B}.
