-module(badmatch_in_function).
-export([main/0]).
%% A badmatch inside a called function shows that function's frame.
main() ->
    {ok, V} = fetch(missing),
    V.

fetch(present) -> {ok, 1};
fetch(_) -> error.
