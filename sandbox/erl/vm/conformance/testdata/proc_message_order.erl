-module(proc_message_order).
-export([main/0]).
%% messages from one sender arrive in the order sent.

main() ->
    Parent = self(),
    spawn(fun() -> [Parent ! {n, I} || I <- lists:seq(1, 10)] end),
    [receive {n, X} -> X end || _ <- lists:seq(1, 10)].
