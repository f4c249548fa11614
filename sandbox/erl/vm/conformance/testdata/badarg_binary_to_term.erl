-module(badarg_binary_to_term).
-export([main/0]).
%% binary_to_term of bytes that are no external term is badarg.
main() ->
    binary_to_term(<<1, 2, 3>>).
