-module(timer_apply_interval).
-export([main/0, tick/1]).
%% timer:apply_interval calls a function repeatedly until cancelled.

tick(Pid) -> Pid ! tick.

main() ->
    {ok, T} = timer:apply_interval(10, ?MODULE, tick, [self()]),
    [receive tick -> ok end || _ <- [1, 2, 3]],
    {ok, cancel} = timer:cancel(T),
    timer:sleep(30),
    N = length([x || {messages, Ms} <- [process_info(self(), messages)], tick <- Ms]),
    {N =< 1, timer:cancel(not_a_timer)}.
