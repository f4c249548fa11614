-module(hot_remote_vs_local).
-export([main/0]).
%% after a reload, a fully qualified call runs the new version and a local call the old.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

src(V) ->
    "-module(hot_rl).\n-export([loop/0, ver/0]).\n"
    "ver() -> " ++ integer_to_list(V) ++ ".\n"
    "loop() -> receive {ask, P} -> P ! {local, ver(), remote, hot_rl:ver()}, loop(); stop -> ok end.\n".

main() ->
    {module, hot_rl} = load(src(1)),
    Pid = spawn(hot_rl, loop, []),
    Pid ! {ask, self()},
    A = receive R1 -> R1 end,
    {module, hot_rl} = load(src(2)),
    Pid ! {ask, self()},
    B = receive R2 -> R2 end,
    Pid ! stop,
    {A, B, hot_rl:ver()}.
