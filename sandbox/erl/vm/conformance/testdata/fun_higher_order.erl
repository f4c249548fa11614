-module(fun_higher_order).
-export([main/0]).
%% Funs taking and returning funs.
main() ->
    Compose = fun(F, G) -> fun(X) -> F(G(X)) end end,
    Inc = fun(X) -> X + 1 end,
    Dbl = fun(X) -> X * 2 end,
    Curry = fun(A) -> fun(B) -> fun(C) -> A + B * C end end end,
    {(Compose(Inc, Dbl))(5), (Compose(Dbl, Inc))(5), ((Curry(1))(2))(3),
     lists:map(Compose(Inc, Inc), [1, 2, 3]), twice(Dbl, 3)}.

twice(F, X) -> F(F(X)).
