-module(lists_sort).
-export([main/0]).
%% lists: sorting and merging.
main() ->
    L = [{b, 2}, {a, 3}, {c, 1}, {a, 1}, {b, 2}],
    [lists:sort([5, 3, 9, 1, 3]), lists:sort(fun(A, B) -> A >= B end, [5, 3, 9, 1, 3]), lists:usort([5, 3, 9, 1, 3]),
     lists:usort(fun(A, B) -> A =< B end, [b, a, b]), lists:keysort(2, L), lists:keysort(1, L), lists:ukeysort(1, L),
     lists:merge([1, 4, 7], [2, 3, 9]), lists:merge([[1, 5], [2, 3], [4]]), lists:umerge([1, 2, 4], [2, 3]),
     lists:merge(fun(A, B) -> A >= B end, [7, 4, 1], [9, 3]), lists:keymerge(1, [{a, 1}, {c, 3}], [{b, 2}]),
     lists:ukeymerge(1, [{a, 1}], [{a, 2}, {b, 3}]), lists:merge3([1], [3], [2]), lists:umerge([[1, 2], [2, 3]]),
     lists:sort([]), lists:sort([{1, a}, {1.0, b}, {1, c}]), lists:usort([1, 1.0])].
