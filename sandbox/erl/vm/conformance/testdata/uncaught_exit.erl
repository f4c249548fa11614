-module(uncaught_exit).
-export([main/0]).
%% An uncaught exit reaches the runner as class exit.
main() ->
    exit({shutdown, reason}).
