-module(timer_to_pid_dead).
-export([main/0]).
%% a timer to a dead process is harmless; a pid's timers outlive nothing.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    T = erlang:send_after(5, Pid, hello),
    timer:sleep(20),
    erlang:cancel_timer(T).
