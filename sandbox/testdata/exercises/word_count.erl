%% Exercise: count the words of a sentence (case-insensitive, punctuation ignored).
-module(word_count).
-export([count/1]).
-include_lib("eunit/include/eunit.hrl").
count(Sentence) ->
    Words = string:lexemes(string:lowercase(Sentence), " ,.!?:;\n\t"),
    lists:foldl(fun(W, M) -> maps:update_with(W, fun(N) -> N + 1 end, 1, M) end, #{}, Words).
one_word_test() -> ?assertEqual(#{"word" => 1}, count("word")).
repeated_test() -> ?assertEqual(#{"one" => 1, "fish" => 4, "two" => 1, "red" => 1, "blue" => 1},
                                count("one fish two fish red fish blue fish")).
case_test() -> ?assertEqual(#{"go" => 3}, count("go Go GO")).
punctuation_test() -> ?assertEqual(#{"hi" => 2, "there" => 1}, count("Hi, hi! There.")).
