-module(if_basic).
-export([main/0]).
%% if picks the first true guard.
main() ->
    [sign(X) || X <- [-2, 0, 5, 1.5]].

sign(X) ->
    if
        X < 0 -> negative;
        X =:= 0 -> zero;
        is_float(X) -> positive_float;
        true -> positive
    end.
