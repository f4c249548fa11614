%% Exercise: the towers of Hanoi, as a list of moves.
-module(hanoi).
-export([moves/4]).
-include_lib("eunit/include/eunit.hrl").
moves(0, _From, _To, _Via) -> [];
moves(N, From, To, Via) ->
    moves(N - 1, From, Via, To) ++ [{From, To}] ++ moves(N - 1, Via, To, From).
two_test() -> ?assertEqual([{a, c}, {a, b}, {c, b}], moves(2, a, b, c)).
count_test() -> ?assertEqual(1023, length(moves(10, a, b, c))).
