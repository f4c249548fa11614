-module(record_info).
-export([main/0]).
%% record_info/2 and field indexes are compile-time constants.
-record(point, {x = 0, y = 0, z}).
-record(empty, {}).
main() ->
    [record_info(fields, point), record_info(size, point), record_info(fields, empty),
     record_info(size, empty), #point.x, #point.z, #empty{}, #point{z = 1}].
