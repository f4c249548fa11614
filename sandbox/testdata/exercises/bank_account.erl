%% Exercise: a bank account as a record.
-module(bank_account).
-export([open/1, deposit/2, withdraw/2, balance/1]).
-include_lib("eunit/include/eunit.hrl").
-record(account, {owner, balance = 0, history = []}).
open(Owner) -> #account{owner = Owner}.
deposit(#account{balance = B, history = H} = A, N) when N > 0 ->
    A#account{balance = B + N, history = [{deposit, N} | H]}.
withdraw(#account{balance = B}, N) when N > B -> {error, insufficient_funds};
withdraw(#account{balance = B, history = H} = A, N) ->
    {ok, A#account{balance = B - N, history = [{withdraw, N} | H]}}.
balance(#account{balance = B}) -> B.
flow_test() ->
    A = deposit(open("ann"), 100),
    {ok, A2} = withdraw(A, 30),
    ?assertEqual(70, balance(A2)),
    ?assertEqual([{withdraw, 30}, {deposit, 100}], A2#account.history),
    ?assertEqual("ann", A2#account.owner).
overdraw_test() -> ?assertEqual({error, insufficient_funds}, withdraw(open("bo"), 1)).
bad_deposit_test() -> ?assertError(function_clause, deposit(open("cy"), -5)).
fields_test() -> ?assertEqual([owner, balance, history], record_info(fields, account)).
