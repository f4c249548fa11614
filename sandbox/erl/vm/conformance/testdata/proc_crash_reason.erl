-module(proc_crash_reason).
-export([main/0]).
%% the exit reasons of processes that crash with error and throw.

id(X) -> X.

main() ->
    {_, R1} = spawn_monitor(fun() -> 1 = list_to_integer(id("2")) end),
    {badmatch, 2} = receive {'DOWN', R1, _, _, {E1, _Stack1}} -> E1 end,
    {_, R2} = spawn_monitor(fun() -> throw(ball) end),
    T = receive {'DOWN', R2, _, _, {T0, _}} -> T0 end,
    {_, R3} = spawn_monitor(fun() -> erlang:error(boom) end),
    B = receive {'DOWN', R3, _, _, {B0, [{?MODULE, _, _, _} | _]}} -> B0 end,
    {T, B}.
