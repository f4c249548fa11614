-module(string_unicode).
-export([main/0]).
%% string functions count characters, not bytes.
main() ->
    S = "héllo wörld",
    B = <<"héllo"/utf8>>,
    [string:length(S), string:length(B), byte_size(B), string:to_upper(S), string:slice(B, 1, 3),
     string:reverse("åäö"), string:uppercase(<<"straße"/utf8>>), string:titlecase("élan")].
