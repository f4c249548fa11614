-module(math_sqrt_badarith).
-export([main/0]).
%% math:sqrt of a negative number is badarith.
main() ->
    X = value(),
    math:sqrt(X).

value() -> -1.
