-module(error_with_args).
-export([main/0]).
%% error/2 puts the arguments in the top frame.
main() ->
    f(1, two).

f(A, B) ->
    erlang:error(my_reason, [A, B]).
