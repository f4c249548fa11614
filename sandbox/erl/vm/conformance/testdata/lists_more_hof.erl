-module(lists_more_hof).
-export([main/0]).
%% More lists: foldr with accumulators, mapfoldl with tuples, keymap, zipwith3.
main() ->
    Words = ["apple", "kiwi", "banana", "fig"],
    {Lens, Total} = lists:mapfoldl(fun(W, Acc) -> {{W, length(W)}, Acc + length(W)} end, 0, Words),
    [Lens, Total, lists:foldr(fun(W, Acc) -> W ++ "," ++ Acc end, "", Words),
     lists:keysort(2, Lens), lists:keymap(fun string:to_upper/1, 1, Lens),
     lists:sort(fun({_, A}, {_, B}) -> A >= B end, Lens),
     lists:max([length(W) || W <- Words]), lists:flatmap(fun(W) -> [hd(W)] end, Words),
     lists:usort([length(W) || W <- Words]), lists:sum([length(W) || W <- Words])].
