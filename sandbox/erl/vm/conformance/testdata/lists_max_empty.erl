-module(lists_max_empty).
-export([main/0]).
%% lists:max([]) is function_clause.
main() ->
    lists:max([]).
