-module(lc_binary_filters).
-export([main/0]).
%% Comprehensions mixing list and binary generators with several filters.
main() ->
    [{X, Y} || <<X>> <= <<1, 2, 3, 4, 5, 6>>, X rem 2 =:= 0, Y <- [a, b], X > 2 orelse Y =:= a].
