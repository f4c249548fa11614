-module(sup_init_ignore).
-export([main/0, init/1, start_ignore/0]).
-behaviour(supervisor).
%% a supervisor's init returning ignore, and a child start returning ignore.

start_ignore() -> ignore.

init(ignore_me) -> ignore;
init(child_ignores) ->
    {ok, {#{strategy => one_for_one}, [#{id => ig, start => {?MODULE, start_ignore, []}}]}}.

main() ->
    A = supervisor:start_link(?MODULE, ignore_me),
    {ok, Sup} = supervisor:start_link(?MODULE, child_ignores),
    W = supervisor:which_children(Sup),
    unlink(Sup), exit(Sup, shutdown),
    {A, W}.
