-module(sup_simple_restart).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% simple_one_for_one restarts a crashed permanent child with the same arguments.

start_worker(Id, Report) ->
    Pid = spawn_link(fun() -> Report ! {started, Id}, receive {crash, R} -> exit(R) end end),
    {ok, Pid}.

started() -> receive {started, Id} -> Id after 1000 -> none end.

init(Report) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 5},
          [#{id => w, start => {?MODULE, start_worker, []}}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    {ok, P1} = supervisor:start_child(Sup, [one, self()]),
    {ok, _} = supervisor:start_child(Sup, [two, self()]),
    First = [started(), started()],
    P1 ! {crash, boom},
    Again = started(),
    Count = supervisor:count_children(Sup),
    ok = supervisor:terminate_child(Sup, hd([P || {_, P, _, _} <- supervisor:which_children(Sup), P =/= P1])),
    E = supervisor:terminate_child(Sup, P1),
    Count2 = proplists:get_value(active, supervisor:count_children(Sup)),
    unlink(Sup), exit(Sup, shutdown),
    {First, Again, Count, E, Count2}.
