-module(lists_misc).
-export([main/0]).
%% lists: splitting, prefixes, joining and more.
main() ->
    L = [a, b, c, d, e],
    [lists:split(2, L), lists:prefix([a, b], L), lists:prefix([b], L), lists:suffix([d, e], L),
     lists:join(x, [1, 2, 3]), lists:join(x, []), lists:enumerate(L), lists:enumerate(0, [p, q]),
     lists:uniq([3, 1, 3, 2, 1]), lists:uniq(fun(X) -> X rem 2 end, [1, 2, 3, 4]),
     lists:append([[a], [b]]), lists:split(0, L), lists:split(5, L), lists:subtract([a, a, b], [a]),
     lists:sublist([1, 2], 5), lists:nthtail(0, L)].
