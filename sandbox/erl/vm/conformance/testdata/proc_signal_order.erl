-module(proc_signal_order).
-export([main/0]).
%% a message sent before exiting arrives before the exit signal.

main() ->
    process_flag(trap_exit, true),
    Me = self(),
    Pid = spawn_link(fun() -> Me ! last_words, exit(done) end),
    A = receive X -> X end,
    B = receive Y -> Y end,
    {A, B =:= {'EXIT', Pid, done}}.
