-module(sup_tuple_specs).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% supervisor flags and child specs as tuples.

%% A worker reports its start to the test process and waits; crash makes it exit.
start_worker(Id, Report) ->
    Pid = spawn_link(fun() -> Report ! {started, Id}, worker_loop(Id, Report) end),
    {ok, Pid}.

worker_loop(Id, Report) ->
    receive
        {crash, R} -> exit(R);
        {ping, From} -> From ! {pong, Id}, worker_loop(Id, Report)
    end.

child(Id, Report) ->
    #{id => Id, start => {?MODULE, start_worker, [Id, Report]}}.

started() -> receive {started, Id} -> Id after 1000 -> none end.
started(N) -> [started() || _ <- lists:seq(1, N)].
no_more() -> receive {started, Id} -> {unexpected, Id} after 50 -> none end.

pid_of(Sup, Id) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    Pid.

crash(Sup, Id, Reason) ->
    Pid = pid_of(Sup, Id),
    Ref = monitor(process, Pid),
    Pid ! {crash, Reason},
    receive {'DOWN', Ref, _, _, _} -> ok end.

init(Report) ->
    {ok, {{one_for_one, 3, 10},
          [{a, {?MODULE, start_worker, [a, Report]}, permanent, 5000, worker, [?MODULE]},
           {b, {?MODULE, start_worker, [b, Report]}, transient, brutal_kill, worker, dynamic}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    First = started(2),
    {ok, Spec} = supervisor:get_childspec(Sup, b),
    Kids = [{Id, T, M} || {Id, _, T, M} <- supervisor:which_children(Sup)],
    unlink(Sup), exit(Sup, shutdown),
    {First, maps:remove(start, Spec), Kids}.
