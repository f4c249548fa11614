-module(timer_apply_after).
-export([main/0, notify/2]).
%% timer:apply_after calls a function later in another process.

notify(Pid, Msg) -> Pid ! {applied, Msg}.

main() ->
    {ok, _} = timer:apply_after(10, ?MODULE, notify, [self(), hi]),
    receive {applied, M} -> M after 1000 -> lost end.
