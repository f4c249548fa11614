-module(lists_last_empty).
-export([main/0]).
%% lists:last([]) is function_clause.
main() ->
    lists:last([]).
