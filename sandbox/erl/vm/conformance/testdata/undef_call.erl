-module(undef_call).
-export([main/0]).
%% Calling a function in a module that does not exist is undef.
main() ->
    M = nomodule,
    M:foo(1, 2).
