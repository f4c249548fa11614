-module(record_defaults_expr).
-export([main/0]).
%% Record field defaults are expressions evaluated at each creation.
-record(cfg, {name = "anon", size = 2 * 21, list = lists:seq(1, 3), nested = {a, [b]}}).
main() ->
    A = #cfg{},
    B = #cfg{size = 1},
    {A, B, A#cfg.list, #cfg.nested, A =:= #cfg{}}.
