-module(proc_spawn_basic).
-export([main/0]).
%% spawn/1 with a fun, a message back to the parent.

main() ->
    Parent = self(),
    Pid = spawn(fun() -> Parent ! {hello, self()} end),
    receive {hello, Pid} -> io:format("got hello from the child~n") end,
    is_pid(Pid).
