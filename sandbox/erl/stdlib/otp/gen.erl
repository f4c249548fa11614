%% gen: what gen_server, gen_statem and supervisor share — starting a
%% process with an optional registered name, the call protocol, replies, and
%% stopping.
%%
%% The call protocol is OTP's, so sys and user code interoperate: a request
%% is {Label, {Caller, Tag}, Request} and the reply is {Tag, Reply}. The
%% tag is [alias | Ref] where Ref is a monitor that is also an alias, so a
%% reply that arrives after the caller gave up is dropped by the runtime
%% instead of landing in the caller's mailbox; a call without a timeout
%% cannot give up, and uses a plain monitor as its tag.
-module(gen).
-export([start/5, start/6, init_it/6, init_it/7, call/3, call/4, reply/2,
         stop/1, stop/3, name/1, unregister_name/1, get_parent/0, debug_options/1]).
%% Shared by gen_server, gen_statem and proc_lib.
-export([callback/1, exit_reason/3, normal_exit/1, terminate/5, init_failed/4]).

%% start(GenMod, link | nolink | monitor, [Name,] Mod, Args, Opts) starts a
%% process running GenMod:init_it(Starter, Parent, Name, Mod, Args, Opts)
%% and waits for it to call proc_lib:init_ack/1. A name already taken gives
%% {error, {already_started, Pid}} without starting anything.
start(GenMod, LinkP, Mod, Args, Opts) ->
    do_spawn(GenMod, LinkP, self, Mod, Args, Opts).

start(GenMod, LinkP, Name, Mod, Args, Opts) ->
    case where(Name) of
        undefined -> do_spawn(GenMod, LinkP, Name, Mod, Args, Opts);
        Pid -> {error, {already_started, Pid}}
    end.

do_spawn(GenMod, LinkP, Name, Mod, Args, Opts) ->
    Timeout = case lists:keyfind(timeout, 1, Opts) of
                  {timeout, T} -> T;
                  false -> infinity
              end,
    SpawnOpts = case lists:keyfind(spawn_opt, 1, Opts) of
                    {spawn_opt, SO} -> SO;
                    false -> []
                end,
    InitArgs = [GenMod, self(), parent(LinkP), Name, Mod, Args, Opts],
    case LinkP of
        link -> proc_lib:start_link(?MODULE, init_it, InitArgs, Timeout, SpawnOpts);
        monitor -> proc_lib:start_monitor(?MODULE, init_it, InitArgs, Timeout, SpawnOpts);
        nolink -> proc_lib:start(?MODULE, init_it, InitArgs, Timeout, SpawnOpts)
    end.

%% The parent is the starter for a linked start; otherwise the process is
%% its own parent (it then ignores 'EXIT' signals from the starter).
parent(link) -> self();
parent(_) -> self_process.

%% init_it runs in the new process: register the name (losing a race for
%% it ends the start with already_started) and hand over to GenMod.
init_it(GenMod, Starter, Parent, Mod, Args, Opts) ->
    init_it(GenMod, Starter, Parent, self, Mod, Args, Opts).

init_it(GenMod, Starter, Parent0, Name, Mod, Args, Opts) ->
    Parent = case Parent0 of
                 self_process -> self();
                 P -> P
             end,
    case register_name(Name) of
        true ->
            GenMod:init_it(Starter, Parent, Name, Mod, Args, Opts);
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}})
    end.

register_name(self) -> true;
register_name({local, Name}) ->
    try register(Name, self())
    catch error:badarg -> {false, whereis(Name)}
    end;
register_name({global, _} = G) -> erlang:error({not_supported, G});
register_name({via, Mod, Name}) ->
    case Mod:register_name(Name, self()) of
        yes -> true;
        no -> {false, Mod:whereis_name(Name)}
    end.

where({local, Name}) -> whereis(Name);
where({via, Mod, Name}) ->
    case Mod:whereis_name(Name) of
        undefined -> undefined;
        Pid -> Pid
    end;
where({global, _} = G) -> erlang:error({not_supported, G}).

%% name(Name) is what reports call the process: the registered name, or
%% the pid.
name({local, Name}) -> Name;
name({via, _, Name}) -> Name;
name(Pid) when is_pid(Pid) -> Pid;
name(self) -> self().

unregister_name({local, Name}) ->
    try unregister(Name) catch error:badarg -> true end;
unregister_name({via, Mod, Name}) -> Mod:unregister_name(Name);
unregister_name(_) -> true.

%% get_parent() is the parent recorded by proc_lib (the first ancestor).
get_parent() ->
    case get('$ancestors') of
        [Parent | _] when is_pid(Parent) -> Parent;
        [Parent | _] when is_atom(Parent) -> whereis(Parent);
        _ -> exit(process_was_not_started_by_proc_lib)
    end.

%% debug_options(Opts): sys debugging is not supported; the options are
%% accepted and give no debug state.
debug_options(_Opts) -> [].

%% call(Process, Label, Request[, Timeout]) sends {Label, From, Request} and
%% waits for the reply. It returns {ok, Reply} or exits with the reason the
%% process died with (noproc if there is none), or timeout.
call(Process, Label, Request) -> call(Process, Label, Request, 5000).

call(Process, Label, Request, Timeout) ->
    case resolve(Process) of
        undefined -> exit(noproc);
        Pid -> do_call(Pid, Label, Request, Timeout)
    end.

resolve(Pid) when is_pid(Pid) -> Pid;
resolve(Name) when is_atom(Name) -> whereis(Name);
resolve({Name, Node}) when is_atom(Name), Node =:= node() -> whereis(Name);
resolve({via, Mod, Name}) -> Mod:whereis_name(Name);
resolve({global, _} = G) -> erlang:error({not_supported, G}).

do_call(Pid, _Label, _Request, _Timeout) when Pid =:= self() ->
    exit(calling_self);
do_call(Pid, Label, Request, infinity) ->
    %% Without a timeout the caller waits for the reply or the 'DOWN', so
    %% no late reply can come: a plain monitor is enough, as in OTP.
    Mref = erlang:monitor(process, Pid),
    Pid ! {Label, {self(), Mref}, Request},
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    end;
do_call(Pid, Label, Request, Timeout) ->
    Mref = erlang:monitor(process, Pid, [{alias, demonitor}]),
    Tag = [alias | Mref],
    Pid ! {Label, {self(), Tag}, Request},
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        receive
            {[alias | Mref], Reply} -> {ok, Reply}
        after 0 -> exit(timeout)
        end
    end.

%% reply(From, Reply) answers a call; From is the {Pid, Tag} the request
%% carried.
reply({_Pid, [alias | Alias] = Tag}, Reply) ->
    Alias ! {Tag, Reply},
    ok;
reply({Pid, Tag}, Reply) ->
    catch Pid ! {Tag, Reply},
    ok.

%% stop(Process[, Reason, Timeout]) terminates a process through its
%% system messages (see proc_lib:stop/3).
stop(Process) -> stop(Process, normal, infinity).
stop(Process, Reason, Timeout) ->
    case resolve(Process) of
        undefined -> exit(noproc);
        Pid -> proc_lib:stop(Pid, Reason, Timeout)
    end.

%% callback(F) runs a behaviour callback: {ok, Result} (a throw is a
%% result, as in OTP) or {'EXIT', Class, Reason, Stack}.
callback(F) ->
    try {ok, F()}
    catch
        throw:R -> {ok, R};
        Class:R:Stack -> {'EXIT', Class, R, Stack}
    end.

%% exit_reason(Class, Reason, Stack) is the reason a process ends with when
%% an exception escapes it: BEAM's {Reason, Stack} for error, {{nocatch,
%% Reason}, Stack} for throw, Reason itself for exit.
exit_reason(error, Reason, Stack) -> {Reason, Stack};
exit_reason(exit, Reason, _Stack) -> Reason;
exit_reason(throw, Reason, Stack) -> {{nocatch, Reason}, Stack}.

%% normal_exit(Reason): the reasons that are no crash, so no report.
normal_exit(normal) -> true;
normal_exit(shutdown) -> true;
normal_exit({shutdown, _}) -> true;
normal_exit(_) -> false.

%% terminate(Class, Reason, Stack, Terminate, Report) ends a behaviour's
%% process after the exception Class:Reason:Stack (exit:R for a plain
%% stop): Terminate(ExitReason) runs the callback module's terminate (a
%% crash in it replaces the reason), Report(Class, Reason, Stack) prints the
%% crash report unless the reason is a normal one; then the process exits.
terminate(Class, Reason, Stack, Terminate, Report) ->
    Exit = exit_reason(Class, Reason, Stack),
    case callback(fun() -> Terminate(Exit) end) of
        {ok, _} -> ok;
        {'EXIT', C2, R2, S2} ->
            Report(C2, R2, S2),
            erlang:raise(C2, R2, S2)
    end,
    case normal_exit(Exit) of
        true -> ok;
        false -> Report(Class, Reason, Stack)
    end,
    case Class of
        exit -> exit(Reason);
        _ -> erlang:raise(Class, Reason, Stack)
    end.

%% init_failed(Starter, Name, Result, BadTag) ends a start whose init/1
%% did not succeed: Result is what callback/1 gave for it (ignore, {stop,
%% Reason}, {error, Reason}, something else, or a crash). The starter gets
%% its answer, the name is freed, and the process ends.
init_failed(Starter, Name, Result, BadTag) ->
    unregister_name(Name),
    case Result of
        {ok, ignore} ->
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, {stop, Reason}} ->
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, {error, _} = Error} ->
            proc_lib:init_ack(Starter, Error),
            exit(normal);
        {ok, Else} ->
            Reason = {BadTag, Else},
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {'EXIT', Class, Reason, Stack} ->
            proc_lib:init_ack(Starter, {error, exit_reason(Class, Reason, Stack)}),
            erlang:raise(Class, Reason, Stack)
    end.
