-module(timer_sleep_tc).
-export([main/0]).
%% timer:sleep and timer:tc.

main() ->
    ok = timer:sleep(0),
    ok = timer:sleep(5),
    {T, V} = timer:tc(fun() -> timer:sleep(20), done end),
    {T2, V2} = timer:tc(lists, seq, [1, 3]),
    {T >= 20000, V, is_integer(T2), V2}.
