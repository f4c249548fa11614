-module(list_comprehension_error).
-export([main/0]).
%% An error inside a list comprehension shows the comprehension's frame.
main() ->
    [10 div X || X <- [5, 2, 0]].
