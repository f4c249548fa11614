-module(proc_dictionary).
-export([main/0]).
%% the process dictionary: put, get, erase, get_keys, per process.

main() ->
    undefined = put(a, 1),
    1 = put(a, 2),
    put(b, 3),
    Keys = lists:sort(get_keys()),
    Parent = self(),
    spawn(fun() -> Parent ! {child_sees, get(a)} end),
    Child = receive {child_sees, V} -> V end,
    E = erase(a),
    {Keys, get(a), E, get(b), Child, lists:sort(get())}.
