-module(sup_which_count).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% which_children and count_children with workers and a supervisor child.

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

init({top, Report}) ->
    {ok, {#{strategy => one_for_one},
          [child(w1, Report), child(w2, Report),
           #{id => sub, start => {supervisor, start_link, [?MODULE, {sub, Report}]}, type => supervisor}]}};
init({sub, Report}) ->
    {ok, {#{strategy => one_for_one}, [child(s1, Report)]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, {top, self()}),
    First = started(3),
    Which = [{Id, is_pid(P), T, M} || {Id, P, T, M} <- supervisor:which_children(Sup)],
    Count = supervisor:count_children(Sup),
    Sub = pid_of(Sup, sub),
    SubWhich = [Id || {Id, _, _, _} <- supervisor:which_children(Sub)],
    unlink(Sup), exit(Sup, shutdown),
    {First, Which, Count, SubWhich}.
