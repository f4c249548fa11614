%% Exercise: palindromes, ignoring case and everything but letters.
-module(palindrome).
-export([is_palindrome/1]).
-include_lib("eunit/include/eunit.hrl").
is_palindrome(S) ->
    L = [C || C <- string:lowercase(S), C >= $a, C =< $z],
    L =:= lists:reverse(L).
simple_test() -> ?assert(is_palindrome("racecar")).
sentence_test() -> ?assert(is_palindrome("A man, a plan, a canal: Panama")).
not_test() -> ?assertNot(is_palindrome("otpbox")).
