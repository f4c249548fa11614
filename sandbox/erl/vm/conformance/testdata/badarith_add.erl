-module(badarith_add).
-export([main/0]).
%% Adding an atom to a number is badarith.
main() ->
    X = value(),
    X + 1.

value() -> an_atom.
