-module(proc_receive_ref).
-export([main/0]).
%% a receive on a fresh reference skips the messages already queued.

main() ->
    [self() ! {noise, I} || I <- lists:seq(1, 100)],
    Ref = make_ref(),
    Me = self(),
    spawn(fun() -> Me ! {Ref, answer} end),
    A = receive {Ref, X} -> X end,
    {message_queue_len, N} = process_info(self(), message_queue_len),
    {A, N}.
