-module(lists_map_badarg).
-export([main/0]).
%% lists:map over a non-list is function_clause.
main() ->
    lists:map(fun(X) -> X end, not_a_list).
