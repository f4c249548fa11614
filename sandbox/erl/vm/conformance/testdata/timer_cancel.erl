-module(timer_cancel).
-export([main/0]).
%% timer:cancel before the timer fires: nothing arrives.

main() ->
    {ok, TRef} = timer:send_after(20, tick),
    {ok, cancel} = timer:cancel(TRef),
    receive tick -> fired after 50 -> cancelled end.
