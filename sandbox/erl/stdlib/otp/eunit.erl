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
%% result is ok when everything passed and error otherwise. What a test
%% prints is captured (through its group leader) and shown only if it
%% fails, as "output:<<...>>". Unlike eunit, verbose mode prints no
%% timings.
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

%%% Tests are first expanded into a list of items, then run. Expanding
%%% calls the generators; it leaves fixtures ({setup, ...}, {foreach, ...},
%%% {spawn, ...}, {timeout, ...}) to run time. An item is
%%%   {test, Fun, Name, Desc}  one test; Name is {Module, Line, Function}
%%%   {run, Fun}               a fixture: Fun() runs it and gives results
%%%   {bad, Text}              a representation or generator that went wrong
%%% Running gives one result per test, in order: pass, {fail, {Name, Desc},
%%% Exception, Output}, {cancel, {Name, Desc}, Why}, or {bad, Text}.

walk(Tests, Desc) -> run_items(expand(Tests, Desc)).

%% expand(T, Desc): Desc is the description written around T itself.
expand(M, _Desc) when is_atom(M) -> module(M);
expand({module, M}, _Desc) when is_atom(M) -> module(M);
expand([], _Desc) -> [];
expand([_ | _] = Tests, Desc) ->
    case io_lib:printable_unicode_list(Tests) of
        true -> [{bad, bad_test(Tests, Desc)}];
        false -> expand_seq(Tests, fun(T) -> expand(T, undefined) end)
    end;
expand(F, Desc) when is_function(F, 0) -> [{test, F, fun_name(F, 0), Desc}];
expand({Line, F}, Desc) when is_integer(Line), is_function(F, 0) -> [{test, F, fun_name(F, Line), Desc}];
expand({M, F}, Desc) when is_atom(M), is_atom(F) -> expand({test, M, F}, Desc);
expand({test, M, F}, Desc) -> [{test, fun() -> M:F() end, {M, 0, F}, Desc}];
expand({generator, F}, Desc) when is_function(F, 0) -> generate(F, fun_name(F, 0), Desc);
expand({generator, M, F}, Desc) -> generate(fun() -> M:F() end, {M, 0, F}, Desc);
expand({with, X, Fs}, _Desc) when is_list(Fs) ->
    [{test, fun() -> F(X) end, fun_name(F, 0), undefined} || F <- Fs];
expand({setup, Setup, Instantiate}, Desc) ->
    [{run, fun() -> setup(Setup, fun(_) -> ok end, Instantiate, Desc) end}];
expand({setup, Setup, Cleanup, Instantiate}, Desc) ->
    [{run, fun() -> setup(Setup, Cleanup, Instantiate, Desc) end}];
expand({setup, _Where, Setup, Cleanup, Instantiate}, Desc) ->
    [{run, fun() -> setup(Setup, Cleanup, Instantiate, Desc) end}];
expand({foreach, Setup, Instantiators}, Desc) ->
    expand({foreach, Setup, fun(_) -> ok end, Instantiators}, Desc);
expand({foreach, _Where, Setup, Cleanup, Instantiators}, Desc) ->
    expand({foreach, Setup, Cleanup, Instantiators}, Desc);
expand({foreach, Setup, Cleanup, Instantiators}, Desc) when is_list(Instantiators) ->
    [{run, fun() -> setup(Setup, Cleanup, I, Desc) end} || I <- Instantiators];
expand({timeout, Seconds, T}, Desc) when is_number(Seconds) ->
    [{run, fun() -> in_process(T, Desc, round(Seconds * 1000)) end}];
expand({spawn, T}, Desc) -> [{run, fun() -> in_process(T, Desc, infinity) end}];
expand({spawn, _Node, T}, Desc) -> [{run, fun() -> in_process(T, Desc, infinity) end}];
expand({inorder, T}, Desc) -> group(Desc, expand(T, undefined));
expand({inparallel, T}, Desc) -> parallel(group(Desc, expand(T, undefined)));
expand({inparallel, _N, T}, Desc) -> parallel(group(Desc, expand(T, undefined)));
expand({Desc, T}, _Desc) when is_binary(Desc) -> group(binary_to_list(Desc), expand(T, binary_to_list(Desc)));
expand({Desc, T} = Test, Outer) when is_list(Desc) ->
    case io_lib:printable_unicode_list(Desc) of
        true -> group(Desc, expand(T, Desc));
        false -> [{bad, bad_test(Test, Outer)}]
    end;
expand(Other, Desc) ->
    [{bad, bad_test(Other, Desc)}].

%% expand_seq expands the tests of a group in order. As in eunit, a test
%% that cannot be expanded (a generator that crashed, a bad descriptor)
%% aborts the rest of its group.
expand_seq([], _Expand) -> [];
expand_seq([T | Ts], Expand) ->
    Items = Expand(T),
    case lists:keymember(bad, 1, Items) of
        true -> Items;
        false -> Items ++ expand_seq(Ts, Expand)
    end.

%% group(Desc, Items): as in eunit, a group holding a single test gives
%% that test its description, if the test has none of its own.
group(Desc, [{test, F, Name, undefined}]) -> [{test, F, Name, Desc}];
group(_Desc, Items) -> Items.

bad_test(T, Desc) ->
    cancelled(Desc, "bad test descriptor", io_lib:format("~tP", [T, ?DEPTH])).

%% cancelled is eunit's report of a group that could not run: its
%% description (undefined when it has none), the error's title, the error.
cancelled(Desc, Title, Text) ->
    io_lib:format("~ts~n*** ~ts ***~n**~ts~n~n", [desc_text(Desc), Title, Text]).

desc_text(undefined) -> "undefined";
desc_text(Desc) -> Desc.

%% module(M) is M's tests, as the group "module 'M'": its test and
%% generator functions in export order, then the module M_tests.
module(M) ->
    case catch M:module_info(exports) of
        Exports when is_list(Exports) ->
            Own = expand_seq([F || {F, 0} <- Exports], fun(F) -> module_test(M, F) end),
            Name = atom_to_list(M),
            More = case lists:suffix("_tests", Name) of
                       true -> [];
                       false -> module_if_loaded(list_to_atom(Name ++ "_tests"))
                   end,
            group("module '" ++ Name ++ "'", Own ++ More);
        _ ->
            [{bad, cancelled(undefined, "test module not found", io_lib:format("~tp", [M]))}]
    end.

module_if_loaded(M) ->
    case catch M:module_info(exports) of
        Exports when is_list(Exports) -> module(M);
        _ -> []
    end.

module_test(M, F) ->
    Name = atom_to_list(F),
    case lists:suffix("_test_", Name) of
        true -> expand({generator, M, F}, undefined);
        false ->
            case lists:suffix("_test", Name) of
                true -> expand({test, M, F}, undefined);
                false -> []
            end
    end.

%% A test's name for the report: {Module, Line, FunctionName}; Line is 0
%% when unknown.
fun_name(F, Line) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {M, Line, N}.

generate(F, {M, _, N}, Desc) ->
    try F() of
        Tests -> expand(Tests, Desc)
    catch
        Class:Reason:Stack ->
            Title = io_lib:format("test generator ~w:~tw/0 failed", [M, N]),
            [{bad, cancelled(Desc, Title, format_exception({Class, Reason, below_eunit(Stack)}))}]
    end.

run_items(Items) ->
    lists:append([run_item(I) || I <- Items]).

run_item({test, F, Name, Desc}) -> [run(F, Name, Desc)];
run_item({run, F}) -> F();
run_item({bad, _} = Bad) -> [Bad].

%% run(F, Name, Desc) runs one test.
run(F, Name, Desc) ->
    {Result, Output} = capture(fun() ->
                                       try F() of
                                           _ -> pass
                                       catch
                                           Class:Reason:Stack -> {Class, Reason, below_eunit(Stack)}
                                       end
                               end),
    case Result of
        pass -> pass;
        Exception -> {fail, {Name, Desc}, Exception, Output}
    end.

%% capture(F) runs F with a group leader that keeps what is printed, and
%% gives F's result and that output as a binary.
capture(F) ->
    Old = group_leader(),
    Capturer = spawn(fun() -> capture_loop([]) end),
    group_leader(Capturer, self()),
    try F() of
        Result ->
            group_leader(Old, self()),
            Ref = make_ref(),
            Capturer ! {get, self(), Ref},
            receive {Ref, Output} -> {Result, Output} end
    after
        group_leader(Old, self())
    end.

%% capture_loop is an io server that only writes: it answers the requests
%% io:format and friends make, and keeps the characters.
capture_loop(Acc) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            {Reply, Acc1} = io_request(Request, Acc),
            From ! {io_reply, ReplyAs, Reply},
            capture_loop(Acc1);
        {get, From, Ref} ->
            From ! {Ref, unicode:characters_to_binary(lists:reverse(Acc))}
    end.

io_request({put_chars, Enc, Chars}, Acc) ->
    {ok, [unicode:characters_to_list(Chars, Enc) | Acc]};
io_request({put_chars, Enc, M, F, A}, Acc) ->
    try apply(M, F, A) of
        Chars -> io_request({put_chars, Enc, Chars}, Acc)
    catch
        _:_ -> {{error, F}, Acc}
    end;
io_request({put_chars, Chars}, Acc) ->
    io_request({put_chars, latin1, Chars}, Acc);
io_request({requests, Requests}, Acc) ->
    lists:foldl(fun(R, {_, A}) -> io_request(R, A) end, {ok, Acc}, Requests);
io_request(getopts, Acc) ->
    {[{binary, false}, {encoding, unicode}], Acc};
io_request(_, Acc) ->
    {{error, enotsup}, Acc}.

%% The frames of the test, without eunit's own below them.
below_eunit(Stack) ->
    lists:takewhile(fun(Frame) -> element(1, Frame) =/= ?MODULE end, Stack).

%% setup runs Setup, the tests Instantiate makes from its result, and
%% Cleanup, whatever happened to the tests.
setup(Setup, Cleanup, Instantiate, Desc) ->
    try Setup() of
        X ->
            try
                case is_function(Instantiate, 1) of
                    true -> walk(Instantiate(X), undefined);
                    false -> walk(Instantiate, undefined)
                end
            after
                catch Cleanup(X)
            end
    catch
        Class:Reason:Stack ->
            [{bad, cancelled(Desc, "context setup failed",
                             format_exception({Class, Reason, below_eunit(Stack)}))}]
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

%% parallel makes items that run each in a process of their own, all at
%% once; the results come in item order.
parallel([_] = Items) -> Items;
parallel(Items) ->
    [{run, fun() ->
                   Parent = self(),
                   Workers = [spawn_monitor(fun() -> Parent ! {self(), run_item(I)} end) || I <- Items],
                   lists:append([collect(Pid, Ref) || {Pid, Ref} <- Workers])
           end}].

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
print({fail, Name, Exception, Output}, _Verbose) ->
    Shown = case Output of
                <<Text:800/binary, _:1/binary, _/binary>> -> [Text, "\">>...\n\n"];
                _ -> [Output, "\">>\n\n"]
            end,
    io:put_chars([header(Name), "*failed*\n", format_exception(Exception), "  output:<<\"", Shown]);
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
    Fail = length([R || {fail, _, _, _} = R <- Results]),
    Cancel = length([R || {cancel, _, _} = R <- Results]) + length([R || {bad, _} = R <- Results]),
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
