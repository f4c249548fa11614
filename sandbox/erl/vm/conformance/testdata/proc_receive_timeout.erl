-module(proc_receive_timeout).
-export([main/0]).
%% receive with after gives up when nothing matches in time.

main() ->
    self() ! other,
    R = receive wanted -> got after 20 -> timed_out end,
    Left = receive M -> M after 0 -> none end,
    {R, Left}.
