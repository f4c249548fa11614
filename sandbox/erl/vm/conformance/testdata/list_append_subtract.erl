-module(list_append_subtract).
-export([main/0]).
%% ++ and -- operators.
main() ->
    [[1, 2] ++ [3], [] ++ [], "ab" ++ "cd", [1, 2] ++ x, [1, 2, 3, 2, 1] -- [2, 1],
     [a, b] -- [c], [1, 2, 3] -- [], "hello" -- "l", [1, 1.0, 1] -- [1.0]].
