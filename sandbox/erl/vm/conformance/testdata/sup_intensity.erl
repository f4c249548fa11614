-module(sup_intensity).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% more restarts than the intensity allows shuts the supervisor down.

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
    {ok, {#{strategy => one_for_one, intensity => 2, period => 3600}, [child(w, Report)]}}.

main() ->
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    S0 = started(),
    crash(Sup, w, c1), S1 = started(),
    crash(Sup, w, c2), S2 = started(),
    Pid = pid_of(Sup, w),
    Pid ! {crash, c3},
    Why = receive {'EXIT', Sup, R} -> R after 1000 -> none end,
    {[S0, S1, S2], no_more(), Why, is_process_alive(Sup)}.
