-module(proc_info_list).
-export([main/0]).
%% process_info with a list of items, and for a dead process.

main() ->
    register(proc_info_list_me, self()),
    process_flag(trap_exit, true),
    L = process_info(self(), [registered_name, trap_exit, message_queue_len]),
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    {L, process_info(Pid, [status])}.
