-module(fun_badfun).
-export([main/0]).
%% Calling something that is not a fun is {badfun,V}.
main() ->
    F = not_a_fun(),
    F(1).

not_a_fun() -> not_a_fun.
