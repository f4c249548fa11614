-module(map_nested).
-export([main/0]).
%% Nested maps built and updated step by step.
main() ->
    Db = #{users => #{1 => #{name => "ann"}, 2 => #{name => "bob"}}},
    #{users := #{2 := Bob}} = Db,
    Users = maps:get(users, Db),
    Db2 = Db#{users := Users#{3 => #{name => "cy"}}},
    {Bob, Db2, map_get(users, Db2)}.
