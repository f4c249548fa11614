-module(hot_purge_soft).
-export([main/0]).
%% soft_purge refuses while a process runs old code; purge kills it.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src(V) ->
    "-module(hot_sp).\n-export([wait/0]).\n"
    "wait() -> receive stop -> " ++ integer_to_list(V) ++ " end.\n".

main() ->
    {module, hot_sp} = load(src(1)),
    {Old, Ref} = spawn_monitor(hot_sp, wait, []),
    {module, hot_sp} = load(src(2)),
    A = code:soft_purge(hot_sp),
    B = code:purge(hot_sp),
    Why = receive {'DOWN', Ref, process, Old, W} -> W after 1000 -> still_alive end,
    C = code:soft_purge(hot_sp),
    D = code:purge(hot_sp),
    {A, B, Why, C, D}.
