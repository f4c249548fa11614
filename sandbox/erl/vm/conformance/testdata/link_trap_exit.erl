-module(link_trap_exit).
-export([main/0]).
%% trap_exit turns a linked process's exit into an 'EXIT' message.

main() ->
    false = process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> exit(boom) end),
    R = receive {'EXIT', Pid, Why} -> Why end,
    Old = process_flag(trap_exit, false),
    {R, Old}.
