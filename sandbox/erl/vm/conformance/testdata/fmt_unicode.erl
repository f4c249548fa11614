-module(fmt_unicode).
-export([main/0]).
%% ~tp and ~ts print characters beyond Latin-1; ~p shows them as codes.
main() ->
    S = "héllo €",
    B = <<"zürich €"/utf8>>,
    io:format("~p~n~tp~n", [S, S]),
    io:format("~tp~n~p~n", [B, B]),
    io:format("~ts|~ts~n", [S, B]),
    io:format("~s~n", ["latin1 é"]),
    io:format("~tp ~tp~n", [[16#1F600], 'ünï']),
    ok.
