-module(timer_erlang_send_after).
-export([main/0]).
%% erlang:send_after, read_timer and cancel_timer.

main() ->
    R1 = erlang:send_after(1000, self(), never),
    Left = erlang:read_timer(R1),
    C1 = erlang:cancel_timer(R1),
    C2 = erlang:cancel_timer(R1),
    R2 = erlang:send_after(5, self(), soon),
    M = receive soon -> soon end,
    {is_integer(Left) andalso Left =< 1000, is_integer(C1), C2, M, erlang:cancel_timer(R2)}.
