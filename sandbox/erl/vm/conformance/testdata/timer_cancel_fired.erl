-module(timer_cancel_fired).
-export([main/0]).
%% cancelling timers that already fired.

main() ->
    R = erlang:send_after(1, self(), a),
    receive a -> ok end,
    {ok, T} = timer:send_after(1, b),
    receive b -> ok end,
    {erlang:cancel_timer(R), timer:cancel(T), erlang:read_timer(R)}.
