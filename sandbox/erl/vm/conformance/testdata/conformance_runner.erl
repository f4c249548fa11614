%% The conformance runner: both real Erlang/OTP (when recording goldens) and
%% otpbox's VM (when testing) run a program through run/1, so the two print
%% exactly the same protocol. See ../README.md.
-module(conformance_runner).
-export([run/1, load_source/2]).

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

%% load_source(Mod, Src) loads module Mod from the source text Src (no
%% preprocessor: no macros, no includes) and returns {module, Mod}, for the
%% hot-loading programs. A load keeps the previous version as old code and
%% purges (killing its processes) any older one, as code:load_binary does.
%% otpbox's VM provides otpbox:load_source/2; real Erlang has no module
%% otpbox, so the call raises undef there and the compiler does the job.
load_source(Mod, Src) ->
    try otpbox:load_source(Mod, Src)
    catch error:undef -> compile_source(Mod, Src)
    end.

compile_source(Mod, Src) ->
    {ok, Tokens, _} = erl_scan:string(Src),
    {ok, Mod, Bin} = compile:forms(parse_forms(Tokens, []), []),
    code:load_binary(Mod, atom_to_list(Mod) ++ ".erl", Bin).

parse_forms([], []) -> [];
parse_forms([{dot, _} = Dot | Rest], Acc) ->
    {ok, Form} = erl_parse:parse_form(lists:reverse([Dot | Acc])),
    [Form | parse_forms(Rest, [])];
parse_forms([T | Rest], Acc) -> parse_forms(Rest, [T | Acc]).
