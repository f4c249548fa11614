-module(case_basic).
-export([main/0]).
%% case with patterns, guards and a catch-all.
main() ->
    [c(X) || X <- [0, 7, -3, {ok, 1}, {error, x}, "str", []]].

c(X) ->
    case X of
        0 -> zero;
        N when is_integer(N), N > 0 -> positive;
        N when is_integer(N) -> negative;
        {ok, V} -> {value, V};
        {error, _} = E -> E;
        [_ | _] -> list;
        _ -> something_else
    end.
