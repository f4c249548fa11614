-module(sup_shutdown_timeout_kill).
-export([main/0, init/1, start_stubborn/1]).
-behaviour(supervisor).
%% a child that ignores shutdown is killed when its shutdown time runs out.

start_stubborn(Report) ->
    {ok, spawn_link(fun() ->
        process_flag(trap_exit, true),
        Report ! up,
        stubborn()
    end)}.

stubborn() -> receive _ -> stubborn() end.

init(Report) ->
    {ok, {#{strategy => one_for_one},
          [#{id => s, start => {?MODULE, start_stubborn, [Report]}, shutdown => 50}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    receive up -> ok end,
    [{s, Pid, worker, _}] = supervisor:which_children(Sup),
    Ref = monitor(process, Pid),
    ok = supervisor:terminate_child(Sup, s),
    R = receive {'DOWN', Ref, process, Pid, Why} -> Why end,
    unlink(Sup), exit(Sup, shutdown),
    R.
