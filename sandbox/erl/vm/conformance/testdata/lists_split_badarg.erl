-module(lists_split_badarg).
-export([main/0]).
%% lists:split beyond the end is badarg.
main() ->
    lists:split(4, [a, b]).
