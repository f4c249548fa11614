-module(string_is_list).
-export([main/0]).
%% Strings are lists of character codes.
main() ->
    S = "abc",
    [S == [97, 98, 99], is_list(S), length(S), hd(S), [$x | S], S ++ [0],
     "" =:= [], "a" "b" "c", [$a, $b], lists:reverse(S)].
