-module(error_in_fun_stack).
-export([main/0]).
%% An error inside a fun shows the fun's generated name in the stack.
main() ->
    lists:map(fun(X) -> 10 div X end, [1, 2, 0]).
