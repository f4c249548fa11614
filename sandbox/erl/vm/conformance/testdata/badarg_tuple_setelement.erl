-module(badarg_tuple_setelement).
-export([main/0]).
%% setelement outside the tuple is badarg.
main() ->
    T = {a, b},
    setelement(3, T, c).
