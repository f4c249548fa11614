-module(sys_get_state_timeout).
-export([main/0]).
%% sys:get_state of a busy process times out.

main() ->
    Pid = spawn(fun() -> receive after 500 -> ok end end),
    try sys:get_state(Pid, 20)
    catch exit:{timeout, {sys, get_state, [_, 20]}} -> timeout
    end.
