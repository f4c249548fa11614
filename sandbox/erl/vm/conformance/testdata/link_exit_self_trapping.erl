-module(link_exit_self_trapping).
-export([main/0]).
%% exit(self(), Reason) while trapping exits becomes a message.

main() ->
    process_flag(trap_exit, true),
    exit(self(), hello),
    receive {'EXIT', P, R} -> {P =:= self(), R} end.
