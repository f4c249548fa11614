-module(macro_ifdef).
-export([main/0]).
%% Conditional compilation.
-define(DEBUG, true).
-ifdef(DEBUG).
mode() -> debug.
-else.
mode() -> release.
-endif.
-ifndef(MISSING).
extra() -> no_missing.
-endif.
-undef(DEBUG).
-ifdef(DEBUG).
after_undef() -> still_defined.
-else.
after_undef() -> undefined_now.
-endif.
-if(?MODULE == macro_ifdef).
cond_if() -> if_true.
-else.
cond_if() -> if_false.
-endif.
main() ->
    [mode(), extra(), after_undef(), cond_if()].
