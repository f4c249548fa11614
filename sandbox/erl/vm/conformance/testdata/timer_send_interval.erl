-module(timer_send_interval).
-export([main/0]).
%% timer:send_interval repeats until cancelled.

main() ->
    {ok, TRef} = timer:send_interval(10, tick),
    [receive tick -> ok end || _ <- lists:seq(1, 3)],
    {ok, cancel} = timer:cancel(TRef),
    timer:sleep(30),
    flush(0).

flush(N) -> receive tick -> flush(N + 1) after 0 -> {stopped, N =< 1} end.
