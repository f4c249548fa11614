%% Loads otpbox's stdlib modules in place of OTP's (in real Erlang), then
%% records the conformance programs with conformance_record. Used by
%% conformance_with_stdlib.sh. io_lib stays OTP's: its format/2 is a Go BIF
%% in otpbox and a plain Erlang function in OTP.
-module(stdlib_swap).
-export([main/1]).

main([StdDir, OutDir | Names]) ->
    Bins = [begin
                File = filename:join(StdDir, atom_to_list(M) ++ ".erl"),
                {ok, M, Bin} = compile:file(File, [binary, return_errors]),
                {M, Bin}
            end || M <- [lists, maps, proplists, string, unicode]],
    %% Compile everything first: the compiler itself uses these modules.
    [begin
         code:unstick_mod(M),
         {module, M} = code:load_binary(M, atom_to_list(M) ++ ".erl", Bin)
     end || {M, Bin} <- Bins],
    conformance_record:main([OutDir | Names]).
