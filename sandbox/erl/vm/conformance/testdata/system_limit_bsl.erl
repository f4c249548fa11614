-module(system_limit_bsl).
-export([main/0]).
%% Shifting an integer by a huge amount is a system_limit.
main() ->
    N = value(),
    1 bsl N.

value() -> 1 bsl 64.
