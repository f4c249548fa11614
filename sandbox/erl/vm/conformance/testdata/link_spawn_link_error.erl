-module(link_spawn_link_error).
-export([main/0]).
%% spawn_link of a crashing fun, trapped: the reason carries the stack.

main() ->
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> erlang:error(oops) end),
    receive {'EXIT', Pid, {oops, [{?MODULE, F, A, _} | _]}} -> {F, A} end.
