-module(match_nested).
-export([main/0]).
%% Deep nested patterns with literals.
main() ->
    Data = [{user, {name, "ann"}, [{role, admin}, {age, 30}]},
            {user, {name, "bob"}, [{role, guest}]},
            {group, "g1"}],
    [describe(D) || D <- Data].

describe({user, {name, N}, [{role, admin} | _]}) -> {admin, N};
describe({user, {name, [C | _]}, _}) -> {user_initial, [C]};
describe({group, G}) -> {group, G}.
