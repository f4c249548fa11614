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
    rand:seed(exsss, {2026, 11, 28}),
    Random = [case_line(random_case()) || _ <- lists:seq(1, 600)]
        ++ [case_line(random_directive()) || _ <- lists:seq(1, 600)],
    ok = file:write_file(filename:join(Dir, "random.golden"), unicode:characters_to_binary(Random)),
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

%% random_case(): a random term under a random ~p-family directive, after a
%% random amount of text (which moves ~p's start column).
random_case() ->
    T = term(rand:uniform(5)),
    Prefix = lists:duplicate(rand:uniform(30) - 1, $.),
    case rand:uniform(6) of
        1 -> {Prefix ++ "~P", [T, rand:uniform(8)]};
        2 -> {Prefix ++ "~tp", [T]};
        3 -> {Prefix ++ "~" ++ integer_to_list(20 + rand:uniform(60)) ++ "p", [T]};
        4 -> {Prefix ++ "~w", [T]};
        _ -> {Prefix ++ "~p", [T]}
    end.

term(0) -> leaf();
term(D) ->
    case rand:uniform(10) of
        1 -> leaf();
        2 -> [term(D - 1) || _ <- lists:seq(1, rand:uniform(12))];
        3 -> [leaf() || _ <- lists:seq(1, rand:uniform(30))];
        4 -> list_to_tuple([atom() | [term(D - 1) || _ <- lists:seq(1, rand:uniform(6))]]);
        5 -> list_to_tuple([term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        6 -> maps:from_list([{leaf(), term(D - 1)} || _ <- lists:seq(1, rand:uniform(8))]);
        7 -> lists:foldr(fun(E, Acc) -> [E | Acc] end, leaf(), [term(D - 1) || _ <- lists:seq(1, rand:uniform(4))]);
        8 -> [{atom(), term(D - 1)} || _ <- lists:seq(1, rand:uniform(6))];
        9 -> string();
        _ -> binary()
    end.

leaf() ->
    case rand:uniform(9) of
        1 -> rand:uniform(1000) - 500;
        2 -> rand:uniform(1 bsl 80) * (1 - 2 * (rand:uniform(2) - 1));
        3 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(40) - 20);
        4 -> atom();
        5 -> string();
        6 -> binary();
        7 -> [];
        8 -> {};
        _ -> #{}
    end.

atom() ->
    lists:nth(rand:uniform(12), [ok, error, undefined, 'hello world', 'Caps', a_very_long_atom_name_indeed,
                                 x, 'case', '', 'é', state, 'with\nnewline']).

string() ->
    Alphabet = "abcdefghij klmnopqrstuvwxyz\n\"\\\tABC" ++ [233, 7, 0, 300, 8364],
    [lists:nth(rand:uniform(length(Alphabet)), Alphabet) || _ <- lists:seq(1, rand:uniform(40) - 1)].

binary() ->
    case rand:uniform(4) of
        1 -> list_to_binary([C || C <- string(), C < 256]);
        2 -> << <<(rand:uniform(256) - 1)>> || _ <- lists:seq(1, rand:uniform(40)) >>;
        3 -> unicode:characters_to_binary([C || C <- string(), C =/= 0]);
        _ -> <<(rand:uniform(1000)):(rand:uniform(20))>>
    end.

%% random_directive(): one control sequence with random field width,
%% precision, padding, adjustment and modifiers, and an argument that may
%% or may not suit it (badarg is a valid outcome).
random_directive() ->
    C = lists:nth(rand:uniform(16), "swpPWefgbBxX#+ci"),
    Width = case rand:uniform(4) of
                1 -> "";
                2 -> integer_to_list(rand:uniform(12) - 1);
                3 -> "-" ++ integer_to_list(rand:uniform(12));
                4 -> "*"
            end,
    Prec = case rand:uniform(4) of
               1 -> "";
               2 -> "." ++ integer_to_list(rand:uniform(8) - 1);
               3 -> "." ++ integer_to_list(rand:uniform(20) + 1);
               4 -> ".*"
           end,
    Pad = case rand:uniform(3) of
              1 -> "";
              2 when Prec =:= "" -> "..0";
              2 -> ".0";
              3 when Prec =:= "" -> "..x";
              3 -> ".x"
          end,
    Mod = lists:nth(rand:uniform(3), ["", "t", "l"]),
    Star = fun("*") -> [rand:uniform(12) - 4]; (".*") -> [rand:uniform(10)]; (_) -> [] end,
    Arg = case C of
              $e -> rand_float(); $f -> rand_float(); $g -> rand_float();
              _ -> case rand:uniform(3) of
                       1 -> rand_float();
                       _ -> leaf()
                   end
          end,
    Extra = case C of
                $P -> [rand:uniform(5)]; $W -> [rand:uniform(5)];
                $x -> [lists:nth(rand:uniform(3), ["0x", '#', "pre"])];
                $X -> [lists:nth(rand:uniform(3), ["0x", '#', "pre"])];
                _ -> []
            end,
    Arg1 = case C of
               $c -> rand:uniform(300);
               $b -> rand:uniform(1 bsl 40) - (1 bsl 39);
               $B -> rand:uniform(100000) - 50000;
               $# -> rand:uniform(1000) - 500;
               $+ -> rand:uniform(1000) - 500;
               _ -> Arg
           end,
    {"[~" ++ Width ++ Prec ++ Pad ++ Mod ++ [C] ++ "]", Star(Width) ++ Star(Prec) ++ [Arg1 | Extra]}.

rand_float() -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(24) - 12).
