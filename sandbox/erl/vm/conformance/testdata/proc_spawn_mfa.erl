-module(proc_spawn_mfa).
-export([main/0, child/2]).
%% spawn/3 with module, function and arguments.

child(Parent, N) -> Parent ! {result, N * N}.

main() ->
    spawn(?MODULE, child, [self(), 7]),
    receive {result, R} -> R end.
