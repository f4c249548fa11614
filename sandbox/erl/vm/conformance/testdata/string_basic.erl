-module(string_basic).
-export([main/0]).
%% string: length, slicing, splitting, trimming and case.
main() ->
    S = "  Hello, World!  ",
    [string:length(S), string:slice(S, 2, 5), string:slice("abc", 1), string:trim(S), string:trim(S, leading),
     string:trim(S, trailing), string:trim("xxhixx", both, "x"), string:to_upper("mixed Case"),
     string:to_lower("MIXED Case"), string:split("a,b,c", ","), string:split("a,b,c", ",", all),
     string:split("a,b,c", ",", trailing), string:lexemes("  a  b c ", " "), string:lexemes("a,b;c", ",;"),
     string:uppercase("abc"), string:lowercase("ABC"), string:casefold("AbC")].
