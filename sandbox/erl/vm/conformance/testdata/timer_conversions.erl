-module(timer_conversions).
-export([main/0]).
%% timer's unit helpers.

main() ->
    {timer:seconds(2), timer:minutes(1), timer:hours(1), timer:hms(1, 2, 3),
     timer:now_diff({1, 2, 3}, {1, 1, 0})}.
