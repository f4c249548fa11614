-module(map_print_order).
-export([main/0]).
%% Maps print with keys sorted in term order.
main() ->
    M = #{b => 1, a => 2, 1 => x, {t} => y, "s" => z, 2.0 => f, [] => nil, <<"b">> => bin, 0 => zero},
    io:format("~p~n~w~n", [M, M]),
    [maps:keys(M), maps:values(M), maps:to_list(#{z => 1, y => 2, x => 3}), #{}, map_size(M)].
