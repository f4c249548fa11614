-module(link_unlink).
-export([main/0]).
%% after unlink a crash no longer propagates.

main() ->
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> receive go -> exit(boom) end end),
    true = unlink(Pid),
    Ref = monitor(process, Pid),
    Pid ! go,
    receive {'DOWN', Ref, process, Pid, Why} -> ok end,
    Got = receive {'EXIT', _, _} -> exit_message after 20 -> no_exit_message end,
    {Why, Got}.
