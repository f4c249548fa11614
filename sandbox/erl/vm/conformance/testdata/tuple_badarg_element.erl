-module(tuple_badarg_element).
-export([main/0]).
%% element/2 outside the tuple is badarg.
main() ->
    T = {a},
    element(5, T).
