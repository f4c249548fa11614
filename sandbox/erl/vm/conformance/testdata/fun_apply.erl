-module(fun_apply).
-export([main/0]).
-export([local/0]).
%% apply/2, apply/3 and calls through variables.
main() ->
    M = lists,
    Fn = seq,
    [apply(fun(A, B) -> A - B end, [10, 3]), apply(lists, max, [[3, 1, 2]]), M:Fn(1, 4),
     apply(M, Fn, [1, 3]), erlang:apply(erlang, atom_to_list, [abc]), apply(fun local/0, []),
     (fun local/0)(), apply(?MODULE, local, [])].

local() -> local_result.
