-module(lists_basic).
-export([main/0]).
%% lists: access, construction and arithmetic functions.
main() ->
    L = [3, 1, 4, 1, 5, 9, 2, 6],
    [lists:append([1], [2]), lists:append([[1], [2, 3], []]), lists:nth(3, L), lists:nthtail(5, L),
     lists:last(L), lists:sublist(L, 3), lists:sublist(L, 2, 3), lists:sublist(L, 7, 10),
     lists:reverse(L), lists:reverse([1, 2], [3]), lists:flatten([1, [2, [3, []], 4]]),
     lists:flatten([a, [b]], [c]), lists:flatlength([1, [2, [3]]]), lists:seq(1, 5), lists:seq(10, 1, -3),
     lists:seq(1, 0), lists:duplicate(3, x), lists:delete(1, L), lists:subtract(L, [1, 9]),
     lists:sum(L), lists:max(L), lists:min(L), lists:member(9, L), lists:concat([a, "b", 1, 2.5]),
     lists:droplast(L), lists:nth(1, L), lists:sum([]), lists:seq(3, 3)].
