-module(list_improper).
-export([main/0]).
%% Proper and improper lists, and how they print.
main() ->
    L = [1 | 2],
    M = [1, 2 | 3],
    N = [a | [b | [c | []]]],
    io:format("~p ~p ~p ~w~n", [L, M, N, [x | y]]),
    [is_list(L), hd(L), tl(L), hd(M), tl(M), N, [[] | []], [[]], [a | "bc"], length(N)].
