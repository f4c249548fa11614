-module(list_hd_empty).
-export([main/0]).
%% hd([]) is badarg.
main() ->
    L = empty(),
    hd(L).

empty() -> [].
