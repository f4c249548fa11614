-module(eunit_setup_report).
-export([main/0, report/1]).
-include_lib("eunit/include/eunit.hrl").
%% setup and cleanup run in the order eunit documents, seen by messages.

report(M) -> eunit_setup_report_log ! M.

fix_test_() ->
    {setup,
     fun() -> report(setup), s end,
     fun(s) -> report(cleanup) end,
     [?_test(report(t1)), ?_test(report(t2))]}.

main() ->
    register(eunit_setup_report_log, self()),
    R = eunit:test({generator, fun fix_test_/0}),
    {R, collect()}.

collect() -> receive M -> [M | collect()] after 0 -> [] end.
