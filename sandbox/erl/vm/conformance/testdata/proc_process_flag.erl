-module(proc_process_flag).
-export([main/0]).
%% process_flag returns the old value.

main() ->
    A = process_flag(trap_exit, true),
    B = process_flag(trap_exit, false),
    C = process_flag(trap_exit, false),
    D = process_flag(priority, high),
    E = process_flag(priority, normal),
    F = try process_flag(no_such_flag, 1) catch error:badarg -> badarg end,
    {A, B, C, D, E, F}.
