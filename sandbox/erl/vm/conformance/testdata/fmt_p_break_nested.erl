-module(fmt_p_break_nested).
-export([main/0]).
%% Nested tuples and lists: Erlang's pretty-printer indentation.
main() ->
    T = {config, [{name, "server-one"}, {port, 8080}, {hosts, ["alpha.example.com", "beta.example.com"]},
                  {limits, {max_connections, 1000, timeout_ms, 30000}},
                  {handlers, [{http, handler_http, [verbose]}, {https, handler_https, []}]}]},
    io:format("~p~n", [T]),
    io:format("~p~n", [{a, {b, {c, {d, lists:seq(1, 30), {e, lists:duplicate(10, "xyz")}}}}}]),
    ok.
