-module(sys_supervisor_state).
-export([main/0, init/1, start_worker/0]).
-behaviour(supervisor).
%% sys:get_state on a supervisor is its internal state record; children by id.

start_worker() -> {ok, spawn_link(fun() -> receive stop -> ok end end)}.
init([]) ->
    {ok, {#{strategy => one_for_one}, [#{id => w1, start => {?MODULE, start_worker, []}},
                                       #{id => w2, start => {?MODULE, start_worker, []}}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, []),
    S = sys:get_state(Sup),
    Name = element(1, S),
    ok = sys:suspend(Sup),
    ok = sys:resume(Sup),
    Ids = [Id || {Id, _, _, _} <- supervisor:which_children(Sup)],
    unlink(Sup), exit(Sup, shutdown),
    {Name, Ids}.
