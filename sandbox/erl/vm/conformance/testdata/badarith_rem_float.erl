-module(badarith_rem_float).
-export([main/0]).
%% rem needs integers.
main() ->
    X = value(),
    {X rem 2}.

value() -> 2.5.
