-module(timer_start_timer).
-export([main/0]).
%% erlang:start_timer sends {timeout, Ref, Msg}.

main() ->
    Ref = erlang:start_timer(5, self(), ding),
    receive {timeout, R, Msg} -> {R =:= Ref, Msg} end.
