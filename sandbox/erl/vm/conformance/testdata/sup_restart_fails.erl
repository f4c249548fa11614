-module(sup_restart_fails).
-export([main/0, init/1, start_worker/2, start_once/1]).
-behaviour(supervisor).
%% a child that cannot be restarted uses up the intensity and takes the supervisor down.

start_worker(_, _) -> ok.

%% Starts the first time only: the restart fails.
start_once(Report) ->
    case get(started_once) of
        undefined ->
            put(started_once, true),
            Report ! first_start,
            {ok, spawn_link(fun() -> receive {crash, R} -> exit(R) end end)};
        true ->
            {error, no_more}
    end.

init(Report) ->
    {ok, {#{strategy => one_for_one, intensity => 3, period => 3600},
          [#{id => once, start => {?MODULE, start_once, [Report]}}]}}.

main() ->
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    receive first_start -> ok end,
    [{once, Pid, _, _}] = supervisor:which_children(Sup),
    Pid ! {crash, boom},
    receive {'EXIT', Sup, Why} -> Why after 2000 -> still_running end.
