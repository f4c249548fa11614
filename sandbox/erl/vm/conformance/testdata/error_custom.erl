-module(error_custom).
-export([main/0]).
%% error/1 with any term as reason.
main() ->
    check(-1).

check(N) when N < 0 ->
    error({negative, N});
check(N) ->
    N.
