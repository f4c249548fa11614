-module(record_badrecord_update).
-export([main/0]).
%% Updating something that is not that record is {badrecord,...}.
-record(rec, {a, b}).
main() ->
    R = not_a_record(),
    R#rec{b = 2}.

not_a_record() -> {rec, 1}.
