%% eunit: running EUnit tests, written for otpbox after eunit's documented
%% behaviour and report wording (the assertion macros are in eunit.hrl,
%% which otpbox's preprocessor provides).
%%
%% eunit:test(Tests) takes a module (its *_test/0 functions are tests, its
%% *_test_/0 functions generate tests, and module M_tests is run after M),
%% or any test representation: a fun/0, {Line, Fun} (what ?_test makes),
%% {M, F}, a list, {Description, Tests}, {generator, ...}, {setup, ...},
%% {foreach, ...}, {with, X, Funs}, {timeout, Seconds, Tests},
%% {inparallel, Tests}, {inorder, Tests} and {spawn, Tests}.
%%
%% Each failure is reported as eunit reports it — the test's name, the
%% stack below eunit, the exception — followed by a summary line; the
%% result is ok when everything passed and error otherwise. Unlike eunit,
%% a test's own output is not captured (so "output:<<"">>" is always empty),
%% and verbose mode prints no timings.
-module(eunit).
-export([test/1, test/2]).

-define(DEPTH, 20).

%% test(Tests[, Options]) runs the tests and prints the report.
test(Tests) -> test(Tests, []).

test(Tests, Options) ->
    Verbose = lists:member(verbose, Options),
    Results = walk(Tests, undefined),
    lists:foreach(fun(R) -> print(R, Verbose) end, Results),
    summary(Results).

%%% Walking a test representation. walk/2 returns one result per test, in
%%% order: pass, {fail, Name, Exception}, {cancel, Name, Why} or
%%% {bad, Text} (a test representation or generator that went wrong).
%%% Desc is the description a single test gets from {Desc, Test}.

walk(M, _Desc) when is_atom(M) -> module(M);
walk({module, M}, _Desc) when is_atom(M) -> module(M);
walk([], _Desc) -> [];
walk([T | Ts], _Desc) -> walk(T, undefined) ++ walk(Ts, undefined);
walk(F, Desc) when is_function(F, 0) -> [run(F, fun_name(F, 0), Desc)];
walk({Line, F}, Desc) when is_integer(Line), is_function(F, 0) -> [run(F, fun_name(F, Line), Desc)];
walk({M, F}, Desc) when is_atom(M), is_atom(F) -> walk({test, M, F}, Desc);
walk({test, M, F}, Desc) -> [run(fun() -> M:F() end, {M, 0, F}, Desc)];
walk({generator, F}, Desc) when is_function(F, 0) -> generate(F, fun_name(F, 0), Desc);
walk({generator, M, F}, Desc) -> generate(fun() -> M:F() end, {M, 0, F}, Desc);
walk({with, X, Fs}, _Desc) when is_list(Fs) ->
    [run(fun() -> F(X) end, fun_name(F, 0), undefined) || F <- Fs];
walk({setup, Setup, Instantiate}, Desc) ->
    setup(Setup, fun(_) -> ok end, Instantiate, Desc);
walk({setup, Setup, Cleanup, Instantiate}, Desc) ->
    setup(Setup, Cleanup, Instantiate, Desc);
walk({setup, _Where, Setup, Cleanup, Instantiate}, Desc) ->
    setup(Setup, Cleanup, Instantiate, Desc);
walk({foreach, Setup, Instantiators}, Desc) ->
    walk({foreach, Setup, fun(_) -> ok end, Instantiators}, Desc);
walk({foreach, _Where, Setup, Cleanup, Instantiators}, Desc) ->
    walk({foreach, Setup, Cleanup, Instantiators}, Desc);
walk({foreach, Setup, Cleanup, Instantiators}, _Desc) when is_list(Instantiators) ->
    lists:append([setup(Setup, Cleanup, I, undefined) || I <- Instantiators]);
walk({timeout, Seconds, T}, Desc) when is_number(Seconds) ->
    in_process(T, Desc, round(Seconds * 1000));
walk({spawn, T}, Desc) -> in_process(T, Desc, infinity);
walk({spawn, _Node, T}, Desc) -> in_process(T, Desc, infinity);
walk({inorder, T}, Desc) -> walk(T, Desc);
walk({inparallel, T}, Desc) -> parallel(T, Desc);
walk({inparallel, _N, T}, Desc) -> parallel(T, Desc);
walk({Desc, T}, _Desc) when is_binary(Desc) -> walk(T, binary_to_list(Desc));
walk({Desc, T} = Test, _Desc) when is_list(Desc) ->
    case io_lib:printable_unicode_list(Desc) of
        true -> walk(T, Desc);
        false -> [{bad, bad_test(Test)}]
    end;
walk(Other, _Desc) ->
    [{bad, bad_test(Other)}].

bad_test(T) ->
    io_lib:format("*** bad test descriptor ***~n**~tP~n~n", [T, ?DEPTH]).

%% module(M) is M's tests: its test and generator functions in export
%% order, then the module M_tests if it exists.
module(M) ->
    case catch M:module_info(exports) of
        Exports when is_list(Exports) ->
            Own = lists:append([module_test(M, F) || {F, 0} <- Exports]),
            Name = atom_to_list(M),
            More = case lists:suffix("_tests", Name) of
                       true -> [];
                       false -> module_if_loaded(list_to_atom(Name ++ "_tests"))
                   end,
            Own ++ More;
        _ ->
            [{bad, io_lib:format("*** test module not found ***~n::~tw~n~n", [M])}]
    end.

module_if_loaded(M) ->
    case catch M:module_info(exports) of
        Exports when is_list(Exports) -> module(M);
        _ -> []
    end.

module_test(M, F) ->
    Name = atom_to_list(F),
    case lists:suffix("_test_", Name) of
        true -> walk({generator, M, F}, undefined);
        false ->
            case lists:suffix("_test", Name) of
                true -> walk({test, M, F}, undefined);
                false -> []
            end
    end.

%% A test's name for the report: {Module, Line, FunctionName}; Line is 0
%% when unknown.
fun_name(F, Line) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {M, Line, N}.

%% run(F, Name, Desc) runs one test.
run(F, Name, Desc) ->
    try F() of
        _ -> pass
    catch
        Class:Reason:Stack -> {fail, {Name, Desc}, {Class, Reason, below_eunit(Stack)}}
    end.

%% The frames of the test, without eunit's own below them.
below_eunit(Stack) ->
    lists:takewhile(fun(Frame) -> element(1, Frame) =/= ?MODULE end, Stack).

generate(F, Name, Desc) ->
    try F() of
        Tests -> walk(Tests, Desc)
    catch
        Class:Reason:Stack ->
            {M, _, N} = Name,
            [{bad, io_lib:format("*** test generator failed ***~n::~ts~n",
                                 [format_exception({Class, Reason, below_eunit(Stack)})])
                   ++ io_lib:format("(in ~tw:~tw)~n~n", [M, N])}]
    end.

%% setup runs Setup, the tests Instantiate makes from its result, and
%% Cleanup, whatever happened to the tests.
setup(Setup, Cleanup, Instantiate, Desc) ->
    try Setup() of
        X ->
            try
                case is_function(Instantiate, 1) of
                    true -> walk(Instantiate(X), Desc);
                    false -> walk(Instantiate, Desc)
                end
            after
                catch Cleanup(X)
            end
    catch
        Class:Reason:Stack ->
            [{bad, io_lib:format("*** context setup failed ***~n**~ts",
                                 [format_exception({Class, Reason, below_eunit(Stack)})])}]
    end.

%% in_process runs tests in a new process, within Timeout milliseconds;
%% tests still running then are cancelled.
in_process(T, Desc, Timeout) ->
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Parent ! {self(), walk(T, Desc)} end),
    receive
        {Pid, Results} ->
            erlang:demonitor(Ref, [flush]),
            Results;
        {'DOWN', Ref, process, Pid, Why} ->
            [{cancel, {{?MODULE, 0, process}, Desc}, {exit, Why}}]
    after Timeout ->
        erlang:demonitor(Ref, [flush]),
        exit(Pid, kill),
        [{cancel, {{?MODULE, 0, timeout}, Desc}, timeout}]
    end.

%% parallel runs each test of a list in a process of its own, all at once,
%% and gives the results in list order.
parallel(Tests, _Desc) when is_list(Tests) ->
    Parent = self(),
    Workers = [spawn_monitor(fun() -> Parent ! {self(), walk(T, undefined)} end) || T <- Tests],
    lists:append([collect(Pid, Ref) || {Pid, Ref} <- Workers]);
parallel(T, Desc) ->
    walk(T, Desc).

collect(Pid, Ref) ->
    receive
        {Pid, Results} ->
            erlang:demonitor(Ref, [flush]),
            Results;
        {'DOWN', Ref, process, Pid, Why} ->
            [{cancel, {{?MODULE, 0, process}, undefined}, {exit, Why}}]
    end.

%%% The report, worded as eunit_tty's.

print(pass, _Verbose) -> ok;
print({fail, Name, Exception}, _Verbose) ->
    io:put_chars([header(Name), "*failed*\n", format_exception(Exception), "  output:<<\"\">>\n\n"]);
print({cancel, Name, timeout}, _Verbose) ->
    io:put_chars([header(Name), "*timed out*\n"]);
print({cancel, Name, {exit, Why}}, _Verbose) ->
    io:put_chars([header(Name), io_lib:format("*unexpected termination of test process*~n::~tP~n~n",
                                              [Why, ?DEPTH])]);
print({bad, Text}, _Verbose) ->
    io:put_chars(Text).

header({{M, Line, Name}, Desc}) ->
    L = case Line of
            0 -> "";
            _ -> integer_to_list(Line) ++ ":"
        end,
    D = case Desc of
            undefined -> "";
            "" -> "";
            _ -> " (" ++ Desc ++ ")"
        end,
    [atom_to_list(M), ":", L, " ", atom_to_list(Name), D, "..."].

format_exception({Class, Reason, Stack}) ->
    [format_stack(Stack, "in function"), "**", atom_to_list(Class), ":",
     io_lib:format("~tP~n", [Reason, ?DEPTH])].

format_stack([], _Pre) -> [];
format_stack([{M, F, A, Loc} | Rest], Pre) ->
    Arity = case A of
                _ when is_list(A) -> length(A);
                _ -> A
            end,
    Where = case {lists:keyfind(file, 1, Loc), lists:keyfind(line, 1, Loc)} of
                {{file, File}, {line, Line}} -> io_lib:format(" (~ts, line ~w)", [File, Line]);
                _ -> ""
            end,
    [io_lib:format("~ts ~w:~tw/~w~ts~n", [Pre, M, F, Arity, Where]) | format_stack(Rest, "in call from")].

%% summary prints eunit's last lines and gives the result of test/1,2.
summary(Results) ->
    Pass = length([R || pass = R <- Results]),
    Fail = length([R || {fail, _, _} = R <- Results]),
    Cancel = length([R || R <- Results, element(1, R) =:= cancel orelse element(1, R) =:= bad]),
    if
        Fail =:= 0, Cancel =:= 0 ->
            case Pass of
                0 -> io:put_chars("  There were no tests to run.\n");
                1 -> io:put_chars("  Test passed.\n");
                2 -> io:put_chars("  2 tests passed.\n");
                _ -> io:format("  All ~w tests passed.~n", [Pass])
            end,
            ok;
        true ->
            io:put_chars("=======================================================\n"),
            io:format("  Failed: ~w.  Skipped: ~w.  Passed: ~w.~n", [Fail, 0, Pass]),
            case Cancel of
                0 -> ok;
                _ -> io:put_chars("One or more tests were cancelled.\n")
            end,
            error
    end.
