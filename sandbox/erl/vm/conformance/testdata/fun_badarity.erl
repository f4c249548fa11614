-module(fun_badarity).
-export([main/0]).
%% Calling a fun with the wrong number of arguments is {badarity,{F,Args}}.
main() ->
    F = fun lists:reverse/1,
    F(a, b).
