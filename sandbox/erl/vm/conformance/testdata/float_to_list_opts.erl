-module(float_to_list_opts).
-export([main/0]).
%% float_to_list/2 and float_to_binary/2 options.
main() ->
    F = 3.14159265,
    [float_to_list(F), float_to_list(F, [{decimals, 3}]), float_to_list(F, [{decimals, 0}]),
     float_to_list(1.5, [{decimals, 4}, compact]), float_to_list(F, [{scientific, 2}]),
     float_to_list(F, [short]), float_to_list(1.0e20, [short]), float_to_list(0.1, [short]),
     float_to_binary(2.5), float_to_binary(2.5, [{decimals, 2}]), float_to_list(-0.5, [{decimals, 1}]),
     list_to_float("1.5e3"), list_to_float("-0.25"), binary_to_float(<<"2.0e-2">>)].
