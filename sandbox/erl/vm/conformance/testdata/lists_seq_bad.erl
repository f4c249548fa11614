-module(lists_seq_bad).
-export([main/0]).
%% lists:seq with an impossible range raises.
main() ->
    lists:seq(5, 1, 1).
