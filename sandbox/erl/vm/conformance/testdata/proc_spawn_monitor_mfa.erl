-module(proc_spawn_monitor_mfa).
-export([main/0]).
%% spawn_monitor/3 and spawn_link/3 with module, function and arguments.

main() ->
    {Pid, Ref} = spawn_monitor(erlang, exit, [by_mfa]),
    A = receive {'DOWN', Ref, process, Pid, R} -> R end,
    process_flag(trap_exit, true),
    P2 = spawn_link(lists, seq, [1, 3]),
    B = receive {'EXIT', P2, R2} -> R2 end,
    {A, B}.
