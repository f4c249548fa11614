-module(sup_shutdown_order).
-export([main/0, init/1, start_trapper/2]).
-behaviour(supervisor).
%% a supervisor stops its children in reverse start order, each with its shutdown.

start_trapper(Id, Report) ->
    {ok, spawn_link(fun() ->
        process_flag(trap_exit, true),
        Report ! {up, Id},
        receive {'EXIT', _, R} -> Report ! {down, Id, R} end
    end)}.

init(Report) ->
    C = fun(Id, Sh) -> #{id => Id, start => {?MODULE, start_trapper, [Id, Report]}, shutdown => Sh} end,
    {ok, {#{strategy => one_for_one}, [C(a, 1000), C(b, infinity), C(c, brutal_kill)]}}.

main() ->
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, self()),
    Ups = [receive {up, I} -> I end || _ <- [1, 2, 3]],
    exit(Sup, shutdown),
    receive {'EXIT', Sup, Why} -> ok end,
    Downs = collect(),
    {Ups, Why, Downs}.

collect() -> receive {down, I, R} -> [{I, R} | collect()] after 50 -> [] end.
