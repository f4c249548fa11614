-module(record_badrecord).
-export([main/0]).
%% Accessing a field of something that is not that record is {badrecord,...}.
-record(rec, {a, b}).
main() ->
    R = not_a_record(),
    R#rec.a.

not_a_record() -> {other, 1, 2}.
