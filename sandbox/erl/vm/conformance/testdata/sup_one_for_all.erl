-module(sup_one_for_all).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% one_for_all restarts every child when one dies.

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
    {ok, {#{strategy => one_for_all}, [child(a, Report), child(b, Report), child(c, Report)]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    First = started(3),
    OldA = pid_of(Sup, a),
    crash(Sup, b, boom),
    Restarted = started(3),
    Extra = no_more(),
    R = {First, Restarted, Extra, is_process_alive(OldA)},
    unlink(Sup), exit(Sup, shutdown),
    R.
