-module(reg_basic).
-export([main/0]).
%% register, whereis, sending to a name.

main() ->
    Pid = spawn(fun() -> receive {ping, From} -> From ! pong end end),
    true = register(reg_basic_srv, Pid),
    Same = whereis(reg_basic_srv) =:= Pid,
    reg_basic_srv ! {ping, self()},
    R = receive pong -> pong end,
    {Same, R, whereis(reg_basic_nobody)}.
