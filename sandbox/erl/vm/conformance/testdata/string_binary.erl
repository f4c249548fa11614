-module(string_binary).
-export([main/0]).
%% string functions accept and return binaries.
main() ->
    B = <<"  Hello World  ">>,
    [string:trim(B), string:uppercase(B), string:split(<<"k=v=w">>, "="), string:lexemes(<<"a b c">>, " "),
     string:length(B), string:slice(<<"abcdef">>, 1, 3), string:replace(<<"aXbXc">>, "X", "-", all),
     string:find(<<"hello">>, "ll"), string:prefix(<<"foobar">>, <<"foo">>), string:pad(<<"x">>, 3),
     string:reverse(<<"abc">>), string:equal(<<"a">>, "a")].
