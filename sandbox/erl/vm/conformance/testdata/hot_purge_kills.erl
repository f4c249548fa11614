-module(hot_purge_kills).
-export([main/0]).
%% a third load purges the oldest version and kills the processes still in it.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src(V) ->
    "-module(hot_pk).\n-export([wait/0]).\n"
    "wait() -> receive stop -> " ++ integer_to_list(V) ++ " end.\n".

main() ->
    {module, hot_pk} = load(src(1)),
    {Old, Ref} = spawn_monitor(hot_pk, wait, []),
    {module, hot_pk} = load(src(2)),
    Alive = is_process_alive(Old),
    {module, hot_pk} = load(src(3)),
    Why = receive {'DOWN', Ref, process, Old, W} -> W after 1000 -> still_alive end,
    {Alive, Why}.
