-module(timer_time_units).
-export([main/0]).
%% monotonic and system time, and convert_time_unit.

main() ->
    T0 = erlang:monotonic_time(millisecond),
    timer:sleep(15),
    T1 = erlang:monotonic_time(millisecond),
    S = erlang:system_time(second),
    {T1 - T0 >= 15, S > 1600000000, erlang:convert_time_unit(3, second, millisecond),
     is_integer(erlang:monotonic_time()), is_integer(erlang:system_time(microsecond))}.
