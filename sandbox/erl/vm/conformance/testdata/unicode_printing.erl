-module(unicode_printing).
-export([main/0]).
%% Code points above 255 print as numbers under ~p, as characters under ~tp.
main() ->
    L = [$a, 8364, $b],
    io:format("~p~n~tp~n~w~n", [L, L, L]),
    io:format("~p~n~tp~n", [{"ü", [1046, 1047]}, {"ü", [1046, 1047]}]),
    io:format("~tp~n", [<<"Жизнь"/utf8>>]),
    ok.
