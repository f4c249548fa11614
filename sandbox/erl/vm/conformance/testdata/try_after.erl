-module(try_after).
-export([main/0]).
%% after runs whether or not the body raises, and does not change the result.
main() ->
    R1 = try io:format("body1~n"), value after io:format("after1~n") end,
    R2 = try
             try throw(inner) after io:format("after2~n") end
         catch
             throw:X -> {caught, X}
         end,
    R3 = try 1 of V -> io:format("of ~p~n", [V]), V + 1 after io:format("after3~n") end,
    {R1, R2, R3}.
