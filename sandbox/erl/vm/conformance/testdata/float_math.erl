-module(float_math).
-export([main/0]).
%% The math module's functions.
main() ->
    [math:pi(), math:sqrt(2), math:sqrt(16), math:pow(2, 10), math:pow(2.0, 0.5),
     math:exp(1), math:log(10), math:log2(1024), math:log10(1000), math:sin(0),
     math:cos(0), math:tan(1), math:atan(1), math:atan2(1, -1), math:asin(1), math:acos(0),
     math:sinh(1), math:cosh(1), math:tanh(0.5), math:exp(0)].
