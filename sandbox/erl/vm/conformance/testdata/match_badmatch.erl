-module(match_badmatch).
-export([main/0]).
%% A failed match is {badmatch,Value}.
main() ->
    {a, X} = {b, 1},
    X.
