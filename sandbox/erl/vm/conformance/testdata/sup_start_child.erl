-module(sup_start_child).
-export([main/0, init/1, start_worker/2, start_fail/0]).
-behaviour(supervisor).
%% start_child with a new spec, a duplicate id and a failing start.

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

start_fail() -> {error, nope}.

init(Report) ->
    {ok, {#{strategy => one_for_one}, [child(a, Report)]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    a = started(),
    {ok, Pid} = supervisor:start_child(Sup, child(b, self())),
    b = started(),
    {error, {already_started, Pid2}} = supervisor:start_child(Sup, child(b, self())),
    ok = supervisor:terminate_child(Sup, b),
    E1 = supervisor:start_child(Sup, child(b, self())),
    {error, {nope, _}} = supervisor:start_child(Sup, #{id => f, start => {?MODULE, start_fail, []}}),
    E2 = nope,
    Ids = [Id || {Id, _, _, _} <- supervisor:which_children(Sup)],
    unlink(Sup), exit(Sup, shutdown),
    {Pid =:= Pid2, E1, E2, Ids}.
