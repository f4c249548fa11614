-module(link_exit2_normal).
-export([main/0]).
%% exit(Pid, normal) does nothing to a process that does not trap exits.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    exit(Pid, normal),
    timer:sleep(10),
    A = is_process_alive(Pid),
    exit(Pid, other),
    timer:sleep(10),
    {A, is_process_alive(Pid)}.
