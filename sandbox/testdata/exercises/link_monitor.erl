%% Exercise: watch a worker die, with a monitor and with a trapped link.
-module(link_monitor).
-export([monitor_reason/1, trapped_exit/1]).
-include_lib("eunit/include/eunit.hrl").
monitor_reason(Reason) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit(Reason) end),
    receive {'DOWN', Ref, process, Pid, R} -> R after 1000 -> timeout end.
trapped_exit(Reason) ->
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> exit(Reason) end),
    R = receive {'EXIT', Pid, X} -> X after 1000 -> timeout end,
    process_flag(trap_exit, false),
    R.
monitor_test() -> ?assertEqual(boom, monitor_reason(boom)).
normal_test() -> ?assertEqual(normal, monitor_reason(normal)).
link_test() -> ?assertEqual({shutdown, bye}, trapped_exit({shutdown, bye})).
