-module(atoms).
-export([to_atom/1, known/1, literal/0, bin/1, bin_literal/0]).

to_atom(Name) ->
    list_to_atom(Name). %% want OTP015 "atom table"

known(Name) ->
    list_to_existing_atom(Name).

literal() ->
    list_to_atom("fixed").

bin(B) ->
    erlang:binary_to_atom(B, utf8). %% want OTP015 "binary_to_existing_atom"

bin_literal() ->
    binary_to_atom(<<"ok">>, utf8).
