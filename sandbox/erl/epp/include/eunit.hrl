%% otpbox's built-in eunit.hrl, used when -include_lib("eunit/include/eunit.hrl")
%% is not found on disk. It defines eunit's macros with eunit's names and the
%% error terms eunit raises, so that code written for EUnit preprocesses and
%% behaves the same. It also carries the assertion macros of stdlib's
%% assert.hrl (guarded by ASSERT_HRL, as there).
%%
%% Real eunit.hrl adds -compile({parse_transform, eunit_autoexport}); otpbox
%% has no parse transforms, so the preprocessor itself exports test/0 and the
%% *_test/0, *_test_/0 functions after including this file (see package epp).

-ifndef(EUNIT_HRL).
-define(EUNIT_HRL, true).

%% TEST and DEBUG win over NOTEST and NODEBUG.
-ifdef(TEST).
-undef(NOTEST).
-endif.
-ifdef(DEBUG).
-undef(NODEBUG).
-endif.

%% Unless testing is off, testing implies assertions, TEST and EUNIT.
-ifndef(NOTEST).
-ifndef(ASSERT).
-define(ASSERT, true).
-endif.
-ifndef(TEST).
-define(TEST, true).
-endif.
-ifndef(EUNIT).
-define(EUNIT, true).
-endif.
-else.
-undef(EUNIT).
-endif.

%% ---- assertions (stdlib's assert.hrl) ----
-ifndef(ASSERT_HRL).
-define(ASSERT_HRL, true).

-ifdef(NODEBUG).
-ifndef(DEBUG).
-ifndef(NOASSERT).
-define(NOASSERT, true).
-endif.
-endif.
-endif.
-ifdef(ASSERT).
-undef(NOASSERT).
-endif.

-ifdef(NOASSERT).
-define(assert(Cond), ok).
-define(assert(Cond, Note), ok).
-define(assertNot(Cond), ok).
-define(assertNot(Cond, Note), ok).
-define(assertMatch(Pat, Expr), ok).
-define(assertMatch(Pat, Expr, Note), ok).
-define(assertNotMatch(Pat, Expr), ok).
-define(assertNotMatch(Pat, Expr, Note), ok).
-define(assertEqual(Want, Expr), ok).
-define(assertEqual(Want, Expr, Note), ok).
-define(assertNotEqual(Unwanted, Expr), ok).
-define(assertNotEqual(Unwanted, Expr, Note), ok).
-define(assertException(Class, Term, Expr), ok).
-define(assertException(Class, Term, Expr, Note), ok).
-define(assertNotException(Class, Term, Expr), ok).
-define(assertNotException(Class, Term, Expr, Note), ok).
-else.
%% Each assertion runs in a fun so that its variables do not leak. The forms
%% with a Note differ only by {comment, Note} after the line, so each
%% assertion is written once, as EUnit__assertX_(..., Extra), where Extra is
%% [] or [{comment, (Note)}] spliced into the error's list. Macro arguments
%% are substituted as text, so Note is evaluated only when the assertion
%% fails, as in eunit.
-define(EUnit__info_(Extra, Rest), [{module, ?MODULE}, {line, ?LINE}] ++ Extra ++ Rest).
-define(assert(Cond), ?EUnit__assert_(Cond, [])).
-define(assert(Cond, Note), ?EUnit__assert_(Cond, [{comment, (Note)}])).
-define(EUnit__assert_(Cond, Extra),
        begin ((fun () ->
            case (Cond) of
                true -> ok;
                EUnit__Got -> erlang:error({assert, ?EUnit__info_(Extra,
                    [{expression, (??Cond)}, {expected, true},
                     case EUnit__Got of
                         false -> {value, false};
                         _ -> {not_boolean, EUnit__Got}
                     end])})
            end end)()) end).
-define(assertNot(Cond), ?EUnit__assertNot_(Cond, [])).
-define(assertNot(Cond, Note), ?EUnit__assertNot_(Cond, [{comment, (Note)}])).
-define(EUnit__assertNot_(Cond, Extra),
        begin ((fun () ->
            case (Cond) of
                false -> ok;
                EUnit__Got -> erlang:error({assert, ?EUnit__info_(Extra,
                    [{expression, (??Cond)}, {expected, false},
                     case EUnit__Got of
                         true -> {value, true};
                         _ -> {not_boolean, EUnit__Got}
                     end])})
            end end)()) end).
-define(assertMatch(Pat, Expr), ?EUnit__assertMatch_(Pat, Expr, [])).
-define(assertMatch(Pat, Expr, Note), ?EUnit__assertMatch_(Pat, Expr, [{comment, (Note)}])).
-define(EUnit__assertMatch_(Pat, Expr, Extra),
        begin ((fun () ->
            case (Expr) of
                Pat -> ok;
                EUnit__Got -> erlang:error({assertMatch, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, {pattern, (??Pat)}, {value, EUnit__Got}])})
            end end)()) end).
-define(assertNotMatch(Pat, Expr), ?EUnit__assertNotMatch_(Pat, Expr, [])).
-define(assertNotMatch(Pat, Expr, Note), ?EUnit__assertNotMatch_(Pat, Expr, [{comment, (Note)}])).
-define(EUnit__assertNotMatch_(Pat, Expr, Extra),
        begin ((fun () ->
            EUnit__Got = (Expr),
            case EUnit__Got of
                Pat -> erlang:error({assertNotMatch, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, {pattern, (??Pat)}, {value, EUnit__Got}])});
                _ -> ok
            end end)()) end).
-define(assertEqual(Want, Expr), ?EUnit__assertEqual_(Want, Expr, [])).
-define(assertEqual(Want, Expr, Note), ?EUnit__assertEqual_(Want, Expr, [{comment, (Note)}])).
-define(EUnit__assertEqual_(Want, Expr, Extra),
        begin ((fun () ->
            EUnit__Want = (Want),
            case (Expr) of
                EUnit__Want -> ok;
                EUnit__Got -> erlang:error({assertEqual, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, {expected, EUnit__Want}, {value, EUnit__Got}])})
            end end)()) end).
-define(assertNotEqual(Unwanted, Expr), ?EUnit__assertNotEqual_(Unwanted, Expr, [])).
-define(assertNotEqual(Unwanted, Expr, Note), ?EUnit__assertNotEqual_(Unwanted, Expr, [{comment, (Note)}])).
-define(EUnit__assertNotEqual_(Unwanted, Expr, Extra),
        begin ((fun () ->
            EUnit__Bad = (Unwanted),
            case (Expr) of
                EUnit__Bad -> erlang:error({assertNotEqual, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, {value, EUnit__Bad}])});
                _ -> ok
            end end)()) end).
%% The pattern text is "{ Class , Term , [...] }", as eunit reports it.
-define(EUnit__pattern_(Class, Term), {pattern, "{ " ++ (??Class) ++ " , " ++ (??Term) ++ " , [...] }"}).
-define(assertException(Class, Term, Expr), ?EUnit__assertException_(Class, Term, Expr, [])).
-define(assertException(Class, Term, Expr, Note),
        ?EUnit__assertException_(Class, Term, Expr, [{comment, (Note)}])).
-define(EUnit__assertException_(Class, Term, Expr, Extra),
        begin ((fun () ->
            try (Expr) of
                EUnit__Got -> erlang:error({assertException, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, ?EUnit__pattern_(Class, Term),
                     {unexpected_success, EUnit__Got}])})
            catch
                Class:Term -> ok;
                EUnit__C:EUnit__T:EUnit__S -> erlang:error({assertException, ?EUnit__info_(Extra,
                    [{expression, (??Expr)}, ?EUnit__pattern_(Class, Term),
                     {unexpected_exception, {EUnit__C, EUnit__T, EUnit__S}}])})
            end end)()) end).
-define(assertNotException(Class, Term, Expr), ?EUnit__assertNotException_(Class, Term, Expr, [])).
-define(assertNotException(Class, Term, Expr, Note),
        ?EUnit__assertNotException_(Class, Term, Expr, [{comment, (Note)}])).
-define(EUnit__assertNotException_(Class, Term, Expr, Extra),
        begin ((fun () ->
            try (Expr) of
                _ -> ok
            catch
                EUnit__C:EUnit__T:EUnit__S ->
                    case {EUnit__C, EUnit__T} of
                        {Class, Term} -> erlang:error({assertNotException, ?EUnit__info_(Extra,
                            [{expression, (??Expr)}, ?EUnit__pattern_(Class, Term),
                             {unexpected_exception, {EUnit__C, EUnit__T, EUnit__S}}])});
                        _ -> ok
                    end
            end end)()) end).
-endif. % NOASSERT

-define(assertError(Term, Expr), ?assertException(error, Term, Expr)).
-define(assertError(Term, Expr, Note), ?assertException(error, Term, Expr, Note)).
-define(assertExit(Term, Expr), ?assertException(exit, Term, Expr)).
-define(assertExit(Term, Expr, Note), ?assertException(exit, Term, Expr, Note)).
-define(assertThrow(Term, Expr), ?assertException(throw, Term, Expr)).
-define(assertThrow(Term, Expr, Note), ?assertException(throw, Term, Expr, Note)).
-endif. % ASSERT_HRL

%% ---- utilities ----
-ifndef(LET).
-define(LET(Var, Val, Body), begin ((fun (Var) -> (Body) end)(Val)) end).
-endif.
-ifndef(IF).
-define(IF(Cond, Then, Else), begin (case (Cond) of true -> (Then); false -> (Else) end) end).
-endif.
-ifndef(MATCHES).
-define(MATCHES(Pat, Expr), begin (case (Expr) of Pat -> true; _ -> false end) end).
-endif.
-ifndef(UNDER_EUNIT).
-define(UNDER_EUNIT,
        (?MATCHES({current_function, {eunit_proc, _, _}},
                  erlang:process_info(erlang:group_leader(), current_function)))).
-endif.

%% ---- test generators: a {Line, Fun} pair per test ----
-define(_test(Expr), {?LINE, fun () -> (Expr) end}).
-define(_assert(Cond), ?_test(?assert(Cond))).
-define(_assertNot(Cond), ?_assert(not (Cond))).
-define(_assertMatch(Pat, Expr), ?_test(?assertMatch(Pat, Expr))).
-define(_assertNotMatch(Pat, Expr), ?_test(?assertNotMatch(Pat, Expr))).
-define(_assertEqual(Want, Expr), ?_test(?assertEqual(Want, Expr))).
-define(_assertNotEqual(Unwanted, Expr), ?_test(?assertNotEqual(Unwanted, Expr))).
-define(_assertException(Class, Term, Expr), ?_test(?assertException(Class, Term, Expr))).
-define(_assertError(Term, Expr), ?_assertException(error, Term, Expr)).
-define(_assertExit(Term, Expr), ?_assertException(exit, Term, Expr)).
-define(_assertThrow(Term, Expr), ?_assertException(throw, Term, Expr)).
-define(_assertNotException(Class, Term, Expr), ?_test(?assertNotException(Class, Term, Expr))).

-ifndef(capturedOutput).
-define(capturedOutput,
        case ?UNDER_EUNIT of
            true -> eunit_proc:get_output();
            false -> ""
        end).
-endif.

%% ---- shell commands ----
-define(_cmd_(Cmd), (eunit_lib:command(Cmd))).
-define(cmdStatus(N, Cmd),
        begin ((fun () ->
            case ?_cmd_(Cmd) of
                {(N), EUnit__Out} -> EUnit__Out;
                {EUnit__N, _} -> erlang:error({command_failed,
                    [{module, ?MODULE}, {line, ?LINE}, {command, (Cmd)},
                     {expected_status, (N)}, {status, EUnit__N}]})
            end end)()) end).
-define(_cmdStatus(N, Cmd), ?_test(?cmdStatus(N, Cmd))).
-define(cmd(Cmd), ?cmdStatus(0, Cmd)).
-define(_cmd(Cmd), ?_test(?cmd(Cmd))).
-ifdef(NOASSERT).
-define(assertCmdStatus(N, Cmd), ok).
-define(assertCmdOutput(T, Cmd), ok).
-else.
-define(assertCmdStatus(N, Cmd),
        begin ((fun () ->
            case ?_cmd_(Cmd) of
                {(N), _} -> ok;
                {EUnit__N, _} -> erlang:error({assertCmd_failed,
                    [{module, ?MODULE}, {line, ?LINE}, {command, (Cmd)},
                     {expected_status, (N)}, {status, EUnit__N}]})
            end end)()) end).
-define(assertCmdOutput(T, Cmd),
        begin ((fun () ->
            case ?_cmd_(Cmd) of
                {_, (T)} -> ok;
                {_, EUnit__T} -> erlang:error({assertCmdOutput_failed,
                    [{module, ?MODULE}, {line, ?LINE}, {command, (Cmd)},
                     {expected_output, (T)}, {output, EUnit__T}]})
            end end)()) end).
-endif.
-define(assertCmd(Cmd), ?assertCmdStatus(0, Cmd)).
-define(_assertCmdStatus(N, Cmd), ?_test(?assertCmdStatus(N, Cmd))).
-define(_assertCmd(Cmd), ?_test(?assertCmd(Cmd))).
-define(_assertCmdOutput(T, Cmd), ?_test(?assertCmdOutput(T, Cmd))).

%% ---- debug printing (to the user's console, as eunit does) ----
-ifdef(NODEBUG).
-define(debugMsg(S), ok).
-define(debugHere, ok).
-define(debugFmt(S, As), ok).
-define(debugVal(E), (E)).
-define(debugVal(E, D), (E)).
-define(debugValAll(E), (E)).
-define(debugTime(S, E), (E)).
-else.
-define(debugMsg(S),
        begin
            io:fwrite(user, <<"~ts:~w:~w: ~ts\n">>, [?FILE, ?LINE, self(), S]),
            ok
        end).
-define(debugHere, (?debugMsg("<-"))).
-define(debugFmt(S, As), (?debugMsg(io_lib:format((S), (As))))).
-ifndef(EUNIT_DEBUG_VAL_DEPTH).
-define(EUNIT_DEBUG_VAL_DEPTH, 15).
-endif.
-define(debugVal(E, D),
        begin ((fun (EUnit__V) ->
            ?debugFmt(<<"~ts = ~tP">>, [(??E), EUnit__V, D]),
            EUnit__V
        end)(E)) end).
-define(debugVal(E), ?debugVal(E, ?EUNIT_DEBUG_VAL_DEPTH)).
-define(debugValAll(E), ?debugVal(E, -1)).
-define(debugTime(S, E),
        begin ((fun () ->
            {EUnit__T0, _} = statistics(wall_clock),
            EUnit__V = (E),
            {EUnit__T1, _} = statistics(wall_clock),
            ?debugFmt(<<"~ts: ~.3f s">>, [(S), (EUnit__T1 - EUnit__T0) / 1000]),
            EUnit__V
        end)()) end).
-endif.

-endif. % EUNIT_HRL
