-module(order_exact_eq).
-export([main/0]).
%% == and =:= differ on numbers only.
main() ->
    Pairs = [{1, 1.0}, {1, 1}, {a, a}, {"a", <<"a">>}, {{1}, {1.0}}, {[1], [1.0]},
             {#{a => 1}, #{a => 1.0}}, {0, -0}, {2.0, 2.0}],
    [{A == B, A =:= B, A /= B, A =/= B} || {A, B} <- Pairs].
