-module(record_basic).
-export([main/0]).
%% Records are tuples tagged with the record name; defaults fill missing fields.
-record(person, {name, age = 0, tags = []}).
main() ->
    P = #person{name = "ann"},
    Q = #person{name = "bob", age = 30, tags = [x]},
    io:format("~p~n", [P]),
    [P#person.name, Q#person.age, #person.age, #person.name, P, Q, is_record(P, person),
     element(1, Q), tuple_size(P), #person{}].
