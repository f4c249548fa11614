-module(fun_in_records_maps).
-export([main/0]).
%% Funs stored in maps and records are called through the containers.
-record(ops, {add, mul}).
main() ->
    Ops = #ops{add = fun(A, B) -> A + B end, mul = fun erlang:'*'/2},
    M = #{double => fun(X) -> 2 * X end, neg => fun erlang:'-'/1},
    [(Ops#ops.add)(2, 3), (Ops#ops.mul)(4, 5), (maps:get(double, M))(21), (maps:get(neg, M))(7),
     [F(10) || F <- maps:values(M)]].
