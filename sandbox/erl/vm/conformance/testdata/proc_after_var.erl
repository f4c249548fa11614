-module(proc_after_var).
-export([main/0]).
%% receive after with a computed timeout and infinity.

wait(T) -> receive x -> got after T -> timeout end.

main() ->
    self() ! x,
    A = wait(infinity),
    B = wait(5 * 2),
    {A, B}.
