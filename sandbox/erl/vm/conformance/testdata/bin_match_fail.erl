-module(bin_match_fail).
-export([main/0]).
%% A binary that does not match its pattern is a badmatch.
main() ->
    Bin = <<1, 2>>,
    <<X:32>> = Bin,
    X.
