-module(proc_send_returns).
-export([main/0]).
%% ! returns the message; sending to a dead pid is silent.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    R = (Pid ! hello),
    R2 = erlang:send(self(), there),
    {R, R2, receive M -> M end}.
