-module(reg_twice).
-export([main/0]).
%% registering a taken name, or a process twice, is badarg.

main() ->
    register(reg_twice_a, self()),
    Other = spawn(fun() -> receive stop -> ok end end),
    R1 = try register(reg_twice_a, Other) catch error:E1 -> E1 end,
    R2 = try register(reg_twice_b, self()) catch error:E2 -> E2 end,
    R3 = try register(undefined, Other) catch error:E3 -> E3 end,
    Other ! stop,
    {R1, R2, R3}.
