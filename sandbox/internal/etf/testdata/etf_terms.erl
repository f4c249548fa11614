%% Terms whose external form real Erlang records into etf_terms.golden
%% (record.sh); etf_test.go builds the same terms in otpbox's VM and checks
%% that etf.Encode writes term_to_binary(T, [{minor_version, 2}])'s bytes.
-module(etf_terms).
-export([terms/0]).

terms() ->
    [0, 1, 255, 256, -1, 2147483647, -2147483648, 2147483648, -2147483649,
     1152921504606846975, 1152921504606846976, -1152921504606846977,
     123456789012345678901234567890, -(1 bsl 2100),
     0.0, 1.5, -2.25e-300, 1.0e300,
     a, 'hello world', 'ünïcödé', '', true, false, nonode@nohost,
     list_to_atom(lists:duplicate(255, $x)),
     [], "abc", [1, 2, 300], [a | b], [[]], "", lists:seq(1, 300),
     lists:duplicate(70000, $a), [$a, -1], [1.0],
     {}, {a}, {a, 1, "x"}, list_to_tuple(lists:seq(1, 300)),
     #{}, #{a => 1}, #{b => 2, a => 1, 1 => x, "s" => [], {t} => 1.5},
     <<>>, <<1, 2, 3>>, <<"binary">>, <<1:1>>, <<255, 3:3>>,
     fun lists:map/2, fun erlang:self/0,
     [{ok, #{list => [1, 2, {deep, [x]}]}}, <<0:64>>],
     %% Maps of more than 32 keys are written in BEAM's hash-trie order.
     maps:from_list([{I, I * I} || I <- lists:seq(1, 40)]),
     maps:from_list([{{I, <<I:16>>}, [I / 2]} || I <- lists:seq(1, 1000)])].
