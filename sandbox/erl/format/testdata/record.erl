%% Records the expected outputs of sandbox/erl/format's table tests from
%% real Erlang/OTP 25. Run by record.sh; see there.
-module(record).
-export([main/1]).

main([Dir]) ->
    {ok, Bin} = file:read_file(filename:join(Dir, "cases.txt")),
    Cases = read_cases(binary_to_list(Bin), 1),
    Out = [case_line(C) || C <- Cases],
    ok = file:write_file(filename:join(Dir, "cases.golden"), unicode:characters_to_binary(Out)),
    ok = file:write_file(filename:join(Dir, "floats.golden"), floats(2000)),
    halt(0).

%% cases.txt holds expressions (so a case may say lists:seq(1, 100));
%% the golden holds their values as literals, which the Go test reads.
read_cases(Text, Line) ->
    case erl_scan:tokens([], Text, Line) of
        {done, {ok, Toks, Line1}, Rest} ->
            {ok, Exprs} = erl_parse:parse_exprs(Toks),
            {value, V, _} = erl_eval:exprs(Exprs, erl_eval:new_bindings()),
            [V | read_cases(Rest, Line1)];
        {done, {eof, _}, _} -> [];
        {more, _} -> []
    end.

case_line({Fmt, Args}) ->
    R = try lists:flatten(io_lib:format(Fmt, Args)) of
            S -> {ok, S}
        catch
            error:badarg -> badarg
        end,
    io_lib:format("{~w,~w,~tp}.~n", [Fmt, Args, R]).

%% Floats from a fixed sequence of bit patterns (a 64-bit LCG), so that the
%% set is the same on every run; NaNs and infinities are skipped.
floats(N) -> floats(N, 16#0123456789ABCDEF, []).

floats(0, _, Acc) -> lists:reverse(Acc);
floats(N, X, Acc) ->
    X1 = (X * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
    %% Narrow the exponent half of the time, toward everyday magnitudes.
    Bits = case X1 band 1 of
               0 -> X1;
               1 -> (X1 band 16#800FFFFFFFFFFFFF) bor (((X1 bsr 52) rem 80 + 990) bsl 52)
           end,
    case <<Bits:64>> of
        <<_:1, 2047:11, _:52>> -> floats(N, X1, Acc);
        <<F/float>> ->
            Line = io_lib:format("~16.16.0b ~s ~s ~s ~s ~s~n",
                                 [Bits, float_to_list(F, [short]), float_to_list(F),
                                  io_lib:format("~.3f", [F]), io_lib:format("~.4e", [F]),
                                  io_lib:format("~g", [F])]),
            floats(N - 1, X1, [Line | Acc])
    end.
