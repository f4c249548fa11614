-module(fmt_i_tilde_n).
-export([main/0]).
%% ~i ignores an argument, ~~ is a tilde, ~n a newline.
main() ->
    io:format("a~ib~~c~nd~n", [ignored]),
    io:format("~i~p~n", [skip, shown]),
    ok.
