-module(bif_term_to_binary).
-export([main/0]).

%% term_to_binary's bytes (OTP 25's external format) and the round trip.
main() ->
    Ts = [abc, 'é', 0, 255, 256, -1, -2147483648, 2147483648, 1 bsl 40, -(1 bsl 70),
          1.5, -0.0, [], "ab", [1, 2000 | x], {a, {}}, <<1, 2>>, <<5:3>>,
          #{a => 1, 2 => b, "k" => [v]}, [<<>> | <<7>>], list_to_tuple(lists:seq(1, 300))],
    [io:format("~w~n", [binary_to_list(term_to_binary(T))]) || T <- lists:droplast(Ts)],
    {[binary_to_term(term_to_binary(T)) =:= T || T <- Ts],
     binary_to_term(<<131, 100, 0, 2, 104, 105>>),
     binary_to_term(<<131, 119, 2, 195, 169>>),
     binary_to_term(<<131, 107, 0, 3, 1, 2, 3>>, [safe]),
     byte_size(term_to_binary(lists:seq(1, 1000)))}.
