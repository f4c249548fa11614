-module(timer_send_after).
-export([main/0]).
%% timer:send_after delivers the message later.

main() ->
    {ok, _} = timer:send_after(20, tick),
    A = receive tick -> early after 0 -> not_yet end,
    B = receive tick -> tick after 1000 -> lost end,
    {A, B}.
