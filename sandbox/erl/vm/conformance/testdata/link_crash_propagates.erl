-module(link_crash_propagates).
-export([main/0]).
%% a linked process's crash kills a process that does not trap exits.

main() ->
    {Mid, Ref} = spawn_monitor(fun() ->
        spawn_link(fun() -> exit(boom) end),
        receive never -> ok end
    end),
    receive {'DOWN', Ref, process, Mid, Why} -> Why end.
