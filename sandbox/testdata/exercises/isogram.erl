%% Exercise: is a word an isogram (no letter repeats)?
-module(isogram).
-export([is_isogram/1]).
-include_lib("eunit/include/eunit.hrl").
is_isogram(W) ->
    Letters = [C || C <- string:lowercase(W), C =/= $-, C =/= $\s],
    length(Letters) =:= length(lists:usort(Letters)).
yes_test() -> ?assert(is_isogram("lumberjacks")).
no_test() -> ?assertNot(is_isogram("isograms")).
hyphen_test() -> ?assert(is_isogram("six-year-old")).
