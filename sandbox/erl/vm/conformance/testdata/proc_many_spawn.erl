-module(proc_many_spawn).
-export([main/0]).
%% spawning 1000 processes that each report back.

main() ->
    Parent = self(),
    [spawn(fun() -> Parent ! {sq, I * I} end) || I <- lists:seq(1, 1000)],
    lists:sum([receive {sq, X} -> X end || _ <- lists:seq(1, 1000)]).
