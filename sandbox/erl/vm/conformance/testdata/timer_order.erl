-module(timer_order).
-export([main/0]).
%% timers fire in deadline order whatever the order they were set in.

main() ->
    erlang:send_after(30, self(), c),
    erlang:send_after(10, self(), a),
    erlang:send_after(20, self(), b),
    [receive X -> X end || _ <- [1, 2, 3]].
