-module(catch_expr).
-export([main/0]).
%% catch Expr turns exceptions into values.
main() ->
    A = catch 1 + 1,
    B = catch throw(ball),
    C = catch exit(gone),
    {'EXIT', {D, _}} = catch error(broken),
    {'EXIT', {E, [{?MODULE, main, 0, _} | _]}} = catch 1 / zero(),
    [A, B, C, D, E].

zero() -> 0.
