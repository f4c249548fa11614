-module(sup_rest_for_one_temporary).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% rest_for_one does not restart temporary children that it stopped.

start_worker(Id, Report) ->
    Pid = spawn_link(fun() -> Report ! {started, Id}, receive {crash, R} -> exit(R) end end),
    {ok, Pid}.

started() -> receive {started, Id} -> Id after 1000 -> none end.

init(Report) ->
    C = fun(Id, R) -> #{id => Id, start => {?MODULE, start_worker, [Id, Report]}, restart => R} end,
    {ok, {#{strategy => rest_for_one}, [C(a, permanent), C(b, permanent), C(c, temporary), C(d, transient)]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    First = [started() || _ <- [a, b, c, d]],
    [{b, B, _, _}] = [X || {b, _, _, _} = X <- supervisor:which_children(Sup)],
    B ! {crash, boom},
    Again = [started() || _ <- [b, d]],
    Extra = receive {started, X} -> X after 50 -> none end,
    Ids = [Id || {Id, _, _, _} <- supervisor:which_children(Sup)],
    unlink(Sup), exit(Sup, shutdown),
    {First, Again, Extra, Ids}.
