-module(hot_upgrade_loop).
-export([main/0]).
%% a process moves to the new version at its next fully qualified call.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src(V) ->
    "-module(hot_up).\n-export([loop/1]).\n"
    "loop(N) -> receive {ask, P} -> P ! {" ++ integer_to_list(V) ++ ", N}, hot_up:loop(N + 1); stop -> ok end.\n".

ask(Pid) -> Pid ! {ask, self()}, receive R -> R end.

main() ->
    {module, hot_up} = load(src(1)),
    Pid = spawn(hot_up, loop, [0]),
    A = ask(Pid),
    {module, hot_up} = load(src(2)),
    B = ask(Pid),
    C = ask(Pid),
    Pid ! stop,
    [A, B, C].
