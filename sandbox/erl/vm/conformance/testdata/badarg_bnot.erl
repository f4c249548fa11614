-module(badarg_bnot).
-export([main/0]).
%% bnot needs an integer; it reports badarith.
main() ->
    X = value(),
    {bnot X}.

value() -> 1.5.
