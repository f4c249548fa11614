-module(badarg_length_improper).
-export([main/0]).
%% length of an improper list is badarg.
main() ->
    length([1, 2 | 3]).
