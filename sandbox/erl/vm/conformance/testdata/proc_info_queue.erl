-module(proc_info_queue).
-export([main/0]).
%% process_info message_queue_len and messages.

main() ->
    [self() ! {m, I} || I <- [1, 2, 3]],
    {message_queue_len, N} = process_info(self(), message_queue_len),
    {messages, Ms} = process_info(self(), messages),
    receive {m, 2} -> ok end,
    {message_queue_len, N2} = process_info(self(), message_queue_len),
    {N, Ms, N2}.
