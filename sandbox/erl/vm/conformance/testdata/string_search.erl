-module(string_search).
-export([main/0]).
%% string: find, replace, prefix, equal and friends.
main() ->
    [string:find("hello world", "o"), string:find("hello world", "o", trailing), string:find("abc", "z"),
     string:replace("a-b-c", "-", "+"), string:replace("a-b-c", "-", "+", all), string:prefix("foobar", "foo"),
     string:prefix("foobar", "bar"), string:equal("abc", "abc"), string:equal("abc", "ABC", true),
     string:is_empty(""), string:is_empty("a"), string:is_empty([[], <<>>]), string:reverse("abc"),
     string:pad("ab", 5), string:pad("ab", 5, leading), string:pad("ab", 6, both, $*), string:chomp("line\n"),
     string:chomp("line\r\n"), string:titlecase("hello"), string:join(["a", "b", "c"], ", "),
     string:take("abc123", "abc"), string:take("abc123", "123", true, trailing)].
