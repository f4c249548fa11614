-module(string_classic).
-export([main/0]).
%% string: the older list-based functions.
main() ->
    [string:tokens("a b  c", " "), string:tokens("a,b;c", ",;"), string:str("hello", "ll"), string:rstr("ababa", "ba"),
     string:substr("hello", 2), string:substr("hello", 2, 3), string:concat("ab", "cd"), string:copies("ab", 3),
     string:words("one two  three"), string:words("a-b-c", $-), string:chr("hello", $l), string:rchr("hello", $l),
     string:sub_word("one two three", 2), string:left("ab", 5), string:left("abcdef", 3, $.), string:right("ab", 5, $0),
     string:centre("ab", 6), string:strip("  x  "), string:strip("..x..", both, $.), string:span("abc123", "abc"),
     string:cspan("abc123", "0123456789"), string:to_integer("42abc"), string:to_float("2.5e1x"),
     string:to_integer("abc"), string:len("abc"), string:sub_string("hello", 2, 4)].
