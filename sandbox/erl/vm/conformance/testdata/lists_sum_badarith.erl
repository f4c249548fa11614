-module(lists_sum_badarith).
-export([main/0]).
%% lists:sum on a non-number is badarith inside lists.
main() ->
    lists:sum([1, a, 2]).
