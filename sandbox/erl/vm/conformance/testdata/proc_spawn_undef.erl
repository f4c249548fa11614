-module(proc_spawn_undef).
-export([main/0]).
%% spawning an MFA that does not exist: the process dies with undef.

main() ->
    {_, Ref} = spawn_monitor(no_such_module_here, f, [1]),
    receive {'DOWN', Ref, process, _, {undef, [{M, F, A, _} | _]}} -> {M, F, A} end.
