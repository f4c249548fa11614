-module(uncaught_throw).
-export([main/0]).
%% An uncaught throw reaches the runner as class throw.
main() ->
    helper(),
    ok.

helper() ->
    throw({not_caught, 42}).
