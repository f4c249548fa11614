-module(link_normal_no_kill).
-export([main/0]).
%% a normal exit of a linked process does not kill, but is delivered when trapping.

main() ->
    {Mid, Ref} = spawn_monitor(fun() ->
        spawn_link(fun() -> ok end),
        receive after 30 -> survived end,
        exit(survived)
    end),
    A = receive {'DOWN', Ref, process, Mid, W} -> W end,
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> ok end),
    B = receive {'EXIT', Pid, R} -> R end,
    {A, B}.
