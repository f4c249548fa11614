-module(link_exit2_trapped).
-export([main/0]).
%% exit/2 with a reason other than kill reaches a trapping process as a message.

main() ->
    Parent = self(),
    Pid = spawn(fun() ->
        process_flag(trap_exit, true),
        Parent ! ready,
        receive {'EXIT', From, R} -> Parent ! {trapped, From =:= Parent, R} end
    end),
    receive ready -> ok end,
    exit(Pid, please_stop),
    receive {trapped, FromParent, R} -> {FromParent, R} end.
