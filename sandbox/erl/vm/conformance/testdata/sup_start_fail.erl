-module(sup_start_fail).
-export([main/0, init/1, start_bad/0]).
-behaviour(supervisor).
%% a child failing to start makes supervisor start_link fail.

start_bad() -> {error, cannot}.

init(_) ->
    {ok, {#{strategy => one_for_one}, [#{id => bad, start => {?MODULE, start_bad, []}}]}}.

main() ->
    process_flag(trap_exit, true),
    R = supervisor:start_link(?MODULE, x),
    {error, {shutdown, {failed_to_start_child, bad, cannot}}} = R,
    receive {'EXIT', _, Why} -> Why after 100 -> none end.
