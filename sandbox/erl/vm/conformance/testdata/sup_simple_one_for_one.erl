-module(sup_simple_one_for_one).
-export([main/0, init/1, start_worker/2]).
-behaviour(supervisor).
%% simple_one_for_one: children started with start_child and extra arguments.

start_worker(Tag, N) ->
    {ok, spawn_link(fun Loop() -> receive {get, From} -> From ! {Tag, N}, Loop() end end)}.

init(Tag) ->
    {ok, {#{strategy => simple_one_for_one},
          [#{id => w, start => {?MODULE, start_worker, [Tag]}, restart => temporary}]}}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, tagged),
    Pids = [begin {ok, P} = supervisor:start_child(Sup, [N]), P end || N <- [1, 2, 3]],
    Rs = [begin P ! {get, self()}, receive R -> R end end || P <- Pids],
    Counts = supervisor:count_children(Sup),
    Kids = [{Id, T, M} || {Id, _, T, M} <- supervisor:which_children(Sup)],
    unlink(Sup), exit(Sup, shutdown),
    {Rs, Counts, Kids}.
