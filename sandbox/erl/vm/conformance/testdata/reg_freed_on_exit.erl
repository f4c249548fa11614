-module(reg_freed_on_exit).
-export([main/0]).
%% a name is released when its process exits.

main() ->
    {Pid, Ref} = spawn_monitor(fun() -> register(reg_freed_name, self()), receive stop -> ok end end),
    timer:sleep(5),
    A = whereis(reg_freed_name) =:= Pid,
    Pid ! stop,
    receive {'DOWN', Ref, _, _, _} -> ok end,
    {A, whereis(reg_freed_name)}.
