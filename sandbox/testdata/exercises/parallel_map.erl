%% Exercise: map a function over a list in one process per element, keeping order.
-module(parallel_map).
-export([pmap/2]).
-include_lib("eunit/include/eunit.hrl").
pmap(F, L) ->
    Self = self(),
    Refs = [begin Ref = make_ref(), spawn(fun() -> Self ! {Ref, F(X)} end), Ref end || X <- L],
    [receive {Ref, V} -> V end || Ref <- Refs].
squares_test() -> ?assertEqual([1, 4, 9, 16], pmap(fun(X) -> X * X end, [1, 2, 3, 4])).
order_test() -> ?assertEqual(lists:seq(1, 50), pmap(fun(X) -> X end, lists:seq(1, 50))).
empty_test() -> ?assertEqual([], pmap(fun(X) -> X end, [])).
