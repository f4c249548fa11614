%% proc_lib: processes that follow OTP's conventions. A process started here
%% records its parent chain ('$ancestors') and its initial call
%% ('$initial_call') in its dictionary, and when it dies with a reason other
%% than normal, shutdown or {shutdown, _} it prints a crash report (on
%% standard_error, through logger) before exiting with the same reason.
%%
%% start/start_link wait until the new process calls init_ack/1,2, so that
%% gen_server:start_link returns only once init/1 has run.
-module(proc_lib).
-export([spawn/1, spawn/3, spawn_link/1, spawn_link/3, spawn_opt/2, spawn_opt/4,
         start/3, start/4, start/5, start_link/3, start_link/4, start_link/5,
         start_monitor/3, start_monitor/4, start_monitor/5,
         init_ack/1, init_ack/2, init_p/3, init_p/5,
         initial_call/1, translate_initial_call/1, stop/1, stop/3,
         format_crash/3]).

spawn(F) -> erlang:spawn(?MODULE, init_p, [self(), ancestors(), F]).
spawn(M, F, A) -> erlang:spawn(?MODULE, init_p, [self(), ancestors(), M, F, A]).
spawn_link(F) -> erlang:spawn_link(?MODULE, init_p, [self(), ancestors(), F]).
spawn_link(M, F, A) -> erlang:spawn_link(?MODULE, init_p, [self(), ancestors(), M, F, A]).
spawn_opt(F, Opts) -> erlang:spawn_opt(?MODULE, init_p, [self(), ancestors(), F], Opts).
spawn_opt(M, F, A, Opts) -> erlang:spawn_opt(?MODULE, init_p, [self(), ancestors(), M, F, A], Opts).

%% The process body of every proc_lib process: fun and MFA forms.
init_p(Parent, Ancestors, F) when is_function(F) ->
    put('$ancestors', [Parent | Ancestors]),
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    put('$initial_call', {M, N, A}),
    run(fun() -> F() end).

init_p(Parent, Ancestors, M, F, A) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', {M, F, length(A)}),
    run(fun() -> apply(M, F, A) end).

run(Body) ->
    try Body()
    catch Class:Reason:Stack -> crashed(Class, Reason, Stack)
    end.

%% An uncaught exception ends the process as BEAM would end it (error
%% becomes {Reason, Stack}), after the crash report.
crashed(Class, Reason, Stack) ->
    Exit = gen:exit_reason(Class, Reason, Stack),
    case gen:normal_exit(Exit) of
        true -> ok;
        false -> crash_report(Class, Reason, Stack)
    end,
    erlang:raise(exit, Exit, Stack).

crash_report(Class, Reason, Stack) ->
    Info = [{initial_call, initial_call_of(self())},
            {pid, self()},
            {registered_name, case process_info(self(), registered_name) of
                                  {registered_name, N} -> N;
                                  _ -> []
                              end},
            {error_info, {Class, Reason, Stack}},
            {ancestors, get_ancestors()}],
    logger:log(error, Info, #{report_cb => fun(I) -> {"~ts", [format_crash(I, [], [])]} end,
                              logger_formatter => #{title => "CRASH REPORT"}}).

%% format_crash(Info, _, _) is the text of a crash report, worded as OTP's.
format_crash(Info, _, _) ->
    {initial_call, IC} = lists:keyfind(initial_call, 1, Info),
    {pid, Pid} = lists:keyfind(pid, 1, Info),
    {registered_name, RN} = lists:keyfind(registered_name, 1, Info),
    {error_info, {Class, Reason, Stack}} = lists:keyfind(error_info, 1, Info),
    {ancestors, Anc} = lists:keyfind(ancestors, 1, Info),
    ICText = case IC of
                 {M, F, A} -> io_lib:format("~tw:~tw/~w", [M, F, A]);
                 _ -> "[]"
             end,
    Where = case Stack of
                [{M1, F1, A1, Loc} | _] ->
                    io_lib:format("      in function  ~tw:~tw/~w~ts~n",
                                  [M1, F1, arity(A1), location(Loc)]);
                _ -> ""
            end,
    io_lib:format("  crasher:~n    initial call: ~ts~n    pid: ~p~n    registered_name: ~tp~n"
                  "    exception ~w: ~tp~n~ts    ancestors: ~tp~n  neighbours:~n",
                  [ICText, Pid, RN, Class, Reason, Where, Anc]).

arity(A) when is_list(A) -> length(A);
arity(A) -> A.

location(Loc) ->
    case {lists:keyfind(file, 1, Loc), lists:keyfind(line, 1, Loc)} of
        {{file, F}, {line, L}} -> io_lib:format(" (~ts, line ~w)", [F, L]);
        _ -> ""
    end.

get_ancestors() ->
    case get('$ancestors') of
        undefined -> [];
        A -> A
    end.

ancestors() ->
    case get('$ancestors') of
        undefined -> [];
        A -> A
    end.

%% start/start_link/start_monitor spawn M:F(A...) and wait for its
%% init_ack, the process's exit, or the timeout (then the process is
%% killed and the answer is {error, timeout}).
start(M, F, A) -> start(M, F, A, infinity).
start(M, F, A, Timeout) -> start(M, F, A, Timeout, []).
start(M, F, A, Timeout, Opts) ->
    {Pid, Ref} = erlang:spawn_opt(?MODULE, init_p, [self(), ancestors(), M, F, A], [monitor | Opts]),
    sync_start(Pid, Ref, Timeout).

start_link(M, F, A) -> start_link(M, F, A, infinity).
start_link(M, F, A, Timeout) -> start_link(M, F, A, Timeout, []).
start_link(M, F, A, Timeout, Opts) ->
    {Pid, Ref} = erlang:spawn_opt(?MODULE, init_p, [self(), ancestors(), M, F, A], [link, monitor | Opts]),
    sync_start(Pid, Ref, Timeout).

start_monitor(M, F, A) -> start_monitor(M, F, A, infinity).
start_monitor(M, F, A, Timeout) -> start_monitor(M, F, A, Timeout, []).
start_monitor(M, F, A, Timeout, Opts) ->
    {Pid, Ref} = erlang:spawn_opt(?MODULE, init_p, [self(), ancestors(), M, F, A], [monitor | Opts]),
    receive
        {ack, Pid, Return} -> {Return, Ref};
        {'DOWN', Ref, process, Pid, Reason} = Down -> self() ! Down, {{error, Reason}, Ref}
    after Timeout ->
        kill_flush(Pid),
        {{error, timeout}, Ref}
    end.

sync_start(Pid, Ref, Timeout) ->
    receive
        {ack, Pid, Return} ->
            erlang:demonitor(Ref, [flush]),
            Return;
        {'DOWN', Ref, process, Pid, Reason} ->
            {error, Reason}
    after Timeout ->
        erlang:demonitor(Ref, [flush]),
        kill_flush(Pid),
        {error, timeout}
    end.

%% A start that timed out: kill the process and drop its exit message, as
%% the starter is not meant to see it.
kill_flush(Pid) ->
    unlink(Pid),
    exit(Pid, kill),
    receive {'EXIT', Pid, _} -> ok after 0 -> ok end.

%% init_ack(Return) tells the process that started us (its first ancestor)
%% that initialization is over; start/start_link returns Return.
init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Parent ! {ack, self(), Return},
    ok.

%% initial_call(Process) is {M, F, Args} with placeholder arguments, for a
%% proc_lib process; false for others.
initial_call(Pid) when is_pid(Pid) ->
    case initial_call_of(Pid) of
        {M, F, A} -> {M, F, [list_to_atom("Argument__" ++ integer_to_list(N)) || N <- lists:seq(1, A)]};
        false -> false
    end.

%% translate_initial_call(Process) is the MFA recorded by proc_lib, or the
%% process's real initial call.
translate_initial_call(Pid) when is_pid(Pid) ->
    case initial_call_of(Pid) of
        false -> {proc_lib, init_p, 5};
        MFA -> MFA
    end.

initial_call_of(Pid) when Pid =:= self() ->
    case get('$initial_call') of
        undefined -> false;
        MFA -> MFA
    end;
initial_call_of(Pid) ->
    case process_info(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, MFA} -> MFA;
                false -> false
            end;
        undefined -> false
    end.

%% stop(Process, Reason, Timeout) asks a process that handles system
%% messages to terminate with Reason and waits until it is gone. It exits
%% with noproc if there is no such process, timeout if it takes too long,
%% and with the process's own reason if it ended otherwise.
stop(Process) -> stop(Process, normal, infinity).
stop(Process, Reason, Timeout) ->
    Mref = erlang:monitor(process, Process, [{alias, demonitor}]),
    catch erlang:send(Process, {system, {self(), [alias | Mref]}, {terminate, Reason}}),
    wait_stop(Mref, Reason, Timeout).

%% The process answers ok, then terminates; the answer is only a step.
wait_stop(Mref, Reason, Timeout) ->
    receive
        {[alias | Mref], _} -> wait_stop(Mref, Reason, Timeout);
        {'DOWN', Mref, _, _, Reason} -> ok;
        {'DOWN', Mref, _, _, Other} -> exit(Other)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        exit(timeout)
    end.
