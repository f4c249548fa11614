-module(record_update).
-export([main/0]).
%% Record update copies the record with some fields changed.
-record(acct, {id, balance = 0, history = []}).
main() ->
    A0 = #acct{id = 7},
    A1 = deposit(A0, 100),
    A2 = deposit(A1, 50),
    A3 = A2#acct{id = 8, history = []},
    [A0, A1, A2, A3, A2#acct.balance].

deposit(#acct{balance = B, history = H} = A, N) ->
    A#acct{balance = B + N, history = [N | H]}.
