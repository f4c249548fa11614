-module(lists_zip_mismatch).
-export([main/0]).
%% lists:zip of lists of different lengths raises.
main() ->
    lists:zip([1, 2], [a]).
