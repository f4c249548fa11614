-module(proc_processes_count).
-export([main/0]).
%% processes/0 grows while children wait and shrinks after.

main() ->
    N0 = length(processes()),
    Pids = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 5)],
    N1 = length(processes()),
    Refs = [monitor(process, P) || P <- Pids],
    [P ! stop || P <- Pids],
    [receive {'DOWN', R, _, _, _} -> ok end || R <- Refs],
    N2 = length(processes()),
    {N1 - N0, N2 - N0, lists:member(self(), processes())}.
