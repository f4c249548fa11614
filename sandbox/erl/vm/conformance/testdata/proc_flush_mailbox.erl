-module(proc_flush_mailbox).
-export([main/0]).
%% draining a mailbox with a recursive receive after 0.

flush(Acc) ->
    receive M -> flush([M | Acc]) after 0 -> lists:reverse(Acc) end.

main() ->
    [self() ! I || I <- lists:seq(1, 5)],
    {flush([]), flush([])}.
