-module(mon_down_normal).
-export([main/0]).
%% a monitor delivers 'DOWN' with the exit reason.

main() ->
    Pid = spawn(fun() -> receive go -> exit(finished) end end),
    Ref = monitor(process, Pid),
    Pid ! go,
    receive {'DOWN', Ref, process, Pid, Why} -> Why end.
