%% Exercise: "One for X, one for me."
-module(two_fer).
-export([two_fer/0, two_fer/1]).
-include_lib("eunit/include/eunit.hrl").
two_fer() -> two_fer("you").
two_fer(Name) -> "One for " ++ Name ++ ", one for me.".
no_name_test() -> ?assertEqual("One for you, one for me.", two_fer()).
name_test() -> ?assertEqual("One for Alice, one for me.", two_fer("Alice")).
