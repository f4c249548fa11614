-module(proc_is_alive).
-export([main/0]).
%% is_process_alive before and after a process ends.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    A = is_process_alive(Pid),
    Ref = monitor(process, Pid),
    Pid ! stop,
    receive {'DOWN', Ref, process, Pid, normal} -> ok end,
    {A, is_process_alive(Pid), is_process_alive(self())}.
