-module(bin_badarg_construct).
-export([main/0]).
%% Building a binary segment from a non-integer is badarg.
main() ->
    V = value(),
    <<V:8>>.

value() -> an_atom.
