-module(mon_registered_name).
-export([main/0]).
%% monitoring a registered name: the 'DOWN' names {Name, Node}.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    register(mon_reg_target, Pid),
    Ref = monitor(process, mon_reg_target),
    Pid ! stop,
    A = receive {'DOWN', Ref, process, Who, Why} -> {Who, Why} end,
    Ref2 = monitor(process, mon_reg_target),
    B = receive {'DOWN', Ref2, process, Who2, Why2} -> {Who2, Why2} end,
    {A, B}.
