%% The conformance runner: both real Erlang/OTP (when recording goldens) and
%% otpbox's VM (when testing) run a program through run/1, so the two print
%% exactly the same protocol. See ../README.md.
-module(conformance_runner).
-export([run/1]).

run(M) ->
    try M:main() of
        V -> io:format("=> ~p~n", [V])
    catch
        Class:Reason:Stack ->
            io:format("** exception ~p: ~p~n", [Class, Reason]),
            lists:foreach(fun(F) -> io:format("   ~p~n", [F]) end,
                          normalize(M, Stack))
    end,
    ok.

%% Frames of the runner and below it belong to the harness, not the program.
%% Frames of the program's module keep their file and line; frames of other
%% modules (BIFs, the standard library) keep only module, function and
%% arity-or-arguments, because line numbers inside OTP's own sources say
%% nothing about the program. OTP 25's error_info entries are dropped.
normalize(_M, []) -> [];
normalize(_M, [{conformance_runner, _, _, _} | _]) -> [];
normalize(M, [{M, F, A, Loc} | Rest]) ->
    [{M, F, A, [P || {K, _} = P <- Loc, K =:= file orelse K =:= line]} | normalize(M, Rest)];
normalize(M, [{Mod, F, A, _} | Rest]) ->
    [{Mod, F, A, []} | normalize(M, Rest)].
