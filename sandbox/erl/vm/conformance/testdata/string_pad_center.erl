-module(string_pad_center).
-export([main/0]).
%% string:pad and the old string:centre on odd and even paddings.
main() ->
    [lists:flatten(string:pad("ab", 7, both, $.)), lists:flatten(string:pad("abc", 2)),
     string:centre("abc", 8, $-), string:left("x", 3, $*), string:right("abcdef", 2),
     string:words("  leading and trailing  "), string:sub_word("a,b,,c", 3, $,)].
