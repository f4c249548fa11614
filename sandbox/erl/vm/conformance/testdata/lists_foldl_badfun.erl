-module(lists_foldl_badfun).
-export([main/0]).
%% Passing a non-fun to lists:foldl is badfun inside lists.
main() ->
    lists:foldl(not_a_fun, 0, [1]).
