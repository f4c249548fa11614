-module(string_printable).
-export([main/0]).
%% ~p prints a list as a string only when every element is printable.
main() ->
    Ls = ["abc", [10, 20], "a\nb", [$a, 0], "tab\there", [7, 8, 9, 10, 11, 12, 13, 27],
          [200, 201], [255], [256], "quote\"s", "back\\slash", [], [$a | $b], "del\d",
          [127], [$\e], "x\fy", "\v"],
    [io:format("~p ~w~n", [L, L]) || L <- Ls],
    length(Ls).
