-module(lists_keys).
-export([main/0]).
%% lists: key functions on tuple lists.
main() ->
    L = [{a, 1}, {b, 2}, {c, 3}, {b, 4}],
    [lists:keyfind(b, 1, L), lists:keyfind(z, 1, L), lists:keyfind(3, 2, L), lists:keymember(c, 1, L),
     lists:keysearch(b, 1, L), lists:keysearch(q, 1, L), lists:keydelete(b, 1, L), lists:keyreplace(b, 1, L, {b, 20}),
     lists:keyreplace(z, 1, L, {z, 0}), lists:keystore(z, 1, L, {z, 0}), lists:keystore(a, 1, L, {a, 9}),
     lists:keytake(b, 1, L), lists:keytake(z, 1, L), lists:keymap(fun(X) -> X * 10 end, 2, L)].
