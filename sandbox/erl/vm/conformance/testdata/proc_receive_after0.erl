-module(proc_receive_after0).
-export([main/0]).
%% receive ... after 0 polls the mailbox.

main() ->
    R1 = receive _ -> got after 0 -> timeout end,
    self() ! ping,
    R2 = receive ping -> got after 0 -> timeout end,
    {R1, R2}.
