%% Exercise: make an acronym from a phrase.
-module(acronym).
-export([abbreviate/1]).
-include_lib("eunit/include/eunit.hrl").
abbreviate(Phrase) ->
    [hd(string:uppercase(W)) || W <- string:lexemes(Phrase, " -_")].
basic_test() -> ?assertEqual("PNG", abbreviate("Portable Network Graphics")).
lower_test() -> ?assertEqual("ROR", abbreviate("Ruby on Rails")).
hyphen_test() -> ?assertEqual("CMOS", abbreviate("Complementary metal-oxide semiconductor")).
