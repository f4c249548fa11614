-module(mon_demonitor_flush).
-export([main/0]).
%% demonitor with flush removes a 'DOWN' already queued.

main() ->
    {_, Ref} = spawn_monitor(fun() -> ok end),
    timer:sleep(10),
    {message_queue_len, N} = process_info(self(), message_queue_len),
    true = demonitor(Ref, [flush]),
    {message_queue_len, N2} = process_info(self(), message_queue_len),
    {N, N2}.
