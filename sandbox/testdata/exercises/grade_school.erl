%% Exercise: a school roster kept in a map of grade => sorted names.
-module(grade_school).
-export([new/0, add/3, grade/2, roster/1]).
-include_lib("eunit/include/eunit.hrl").
new() -> #{}.
add(Name, Grade, School) ->
    maps:update_with(Grade, fun(Ns) -> lists:sort([Name | Ns]) end, [Name], School).
grade(Grade, School) -> maps:get(Grade, School, []).
roster(School) -> [{G, Ns} || {G, Ns} <- lists:sort(maps:to_list(School))].
add_test() -> ?assertEqual(["Aimee"], grade(2, add("Aimee", 2, new()))).
sorted_test() ->
    S = lists:foldl(fun({N, G}, Acc) -> add(N, G, Acc) end, new(),
                    [{"Blair", 2}, {"James", 2}, {"Paul", 1}, {"Anna", 2}]),
    ?assertEqual(["Anna", "Blair", "James"], grade(2, S)),
    ?assertEqual([{1, ["Paul"]}, {2, ["Anna", "Blair", "James"]}], roster(S)).
empty_grade_test() -> ?assertEqual([], grade(9, new())).
