-module(proc_dict_erase_all).
-export([main/0]).
%% erase/0 returns and clears the whole dictionary; get_keys/1.

main() ->
    put(a, 1), put(b, 2), put(c, 1),
    K = lists:sort(get_keys(1)),
    All = lists:sort(erase()),
    {K, All, get()}.
