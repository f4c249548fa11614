%% sys: talking to OTP processes through system messages, and the helper
%% those processes call to answer them.
%%
%% A request travels as {system, From, Request} (gen:call with the label
%% system); the process hands it to handle_system_msg/6 with its callback
%% module and its loop data (Misc). The callback module provides
%% system_continue/3, system_terminate/4, system_get_state/1,
%% system_replace_state/2, system_code_change/4 and, optionally,
%% format_status/2 — gen_server, gen_statem and supervisor (a gen_server)
%% do. While suspended, a process answers system messages only; everything
%% else stays in its mailbox until resume.
-module(sys).
-export([get_state/1, get_state/2, replace_state/2, replace_state/3,
         get_status/1, get_status/2, suspend/1, suspend/2, resume/1, resume/2,
         change_code/4, change_code/5, terminate/2, terminate/3,
         handle_system_msg/6, statistics/2, trace/2, log/2]).

get_state(Name) -> get_state(Name, 5000).
get_state(Name, Timeout) ->
    case send_system_msg(Name, get_state, Timeout, get_state, [Name, Timeout]) of
        {error, {callback_failed, _, _} = Failed} -> erlang:error(Failed, [Name, Timeout]);
        State -> State
    end.

replace_state(Name, F) -> replace_state(Name, F, 5000).
replace_state(Name, F, Timeout) ->
    case send_system_msg(Name, {replace_state, F}, Timeout, replace_state, [Name, F, Timeout]) of
        {error, {callback_failed, _, _} = Failed} -> erlang:error(Failed, [Name, F, Timeout]);
        State -> State
    end.

get_status(Name) -> get_status(Name, 5000).
get_status(Name, Timeout) -> send_system_msg(Name, get_status, Timeout, get_status, [Name, Timeout]).

suspend(Name) -> suspend(Name, 5000).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout, suspend, [Name, Timeout]).

resume(Name) -> resume(Name, 5000).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout, resume, [Name, Timeout]).

%% change_code(Name, Module, OldVsn, Extra) asks a (suspended) process to
%% convert its state for the newest version of Module: gen_server calls
%% Module:code_change(OldVsn, State, Extra).
change_code(Name, Mod, Vsn, Extra) -> change_code(Name, Mod, Vsn, Extra, 5000).
change_code(Name, Mod, Vsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, Timeout,
                    change_code, [Name, Mod, Vsn, Extra, Timeout]).

terminate(Name, Reason) -> terminate(Name, Reason, infinity).
terminate(Name, Reason, Timeout) ->
    send_system_msg(Name, {terminate, Reason}, Timeout, terminate, [Name, Reason, Timeout]).

%% Debugging options (statistics, trace, log) are not supported: sys's
%% debug state is always empty. They answer ok so that programs using them
%% still run.
statistics(_Name, _Flag) -> ok.
trace(_Name, _Flag) -> ok.
log(_Name, _Flag) -> ok.

send_system_msg(Name, Request, Timeout, Fun, Args) ->
    try gen:call(Name, system, Request, Timeout) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, Fun, Args}})
    end.

%% handle_system_msg(Request, From, Parent, Mod, Debug, Misc) answers one
%% system message on behalf of a process running Mod's loop with Misc, then
%% goes back to that loop through Mod:system_continue/3 (or stays
%% suspended). It never returns.
handle_system_msg(Request, From, Parent, Mod, Debug, Misc) ->
    handle(Request, From, Parent, Mod, Debug, Misc, running).

handle(Request, From, Parent, Mod, Debug, Misc, Status) ->
    case do_cmd(Request, Parent, Mod, Debug, Misc, Status) of
        {terminate, Reason} ->
            gen:reply(From, ok),
            Mod:system_terminate(Reason, Parent, Debug, Misc);
        {Reply, NStatus, NMisc} ->
            gen:reply(From, Reply),
            case NStatus of
                running -> Mod:system_continue(Parent, Debug, NMisc);
                suspended -> suspended(Parent, Mod, Debug, NMisc)
            end
    end.

%% The suspended loop: only system messages and the parent's exit.
suspended(Parent, Mod, Debug, Misc) ->
    receive
        {system, From, Request} ->
            handle(Request, From, Parent, Mod, Debug, Misc, suspended);
        {'EXIT', Parent, Reason} ->
            Mod:system_terminate(Reason, Parent, Debug, Misc)
    end.

do_cmd(suspend, _Parent, _Mod, _Debug, Misc, _Status) -> {ok, suspended, Misc};
do_cmd(resume, _Parent, _Mod, _Debug, Misc, _Status) -> {ok, running, Misc};
do_cmd({terminate, Reason}, _Parent, _Mod, _Debug, _Misc, _Status) -> {terminate, Reason};
do_cmd(get_state, _Parent, Mod, _Debug, Misc, Status) ->
    case callback(fun() -> Mod:system_get_state(Misc) end) of
        {ok, {ok, State}} -> {State, Status, Misc};
        {failed, Why} -> {{error, {callback_failed, {Mod, system_get_state}, Why}}, Status, Misc}
    end;
do_cmd({replace_state, F}, _Parent, Mod, _Debug, Misc, Status) ->
    case callback(fun() -> Mod:system_replace_state(F, Misc) end) of
        {ok, {ok, State, NMisc}} -> {State, Status, NMisc};
        {failed, Why} -> {{error, {callback_failed, {Mod, system_replace_state}, Why}}, Status, Misc}
    end;
do_cmd(get_status, Parent, Mod, Debug, Misc, Status) ->
    PDict = get(),
    Info = case erlang:function_exported(Mod, format_status, 2) of
               true -> Mod:format_status(normal, [PDict, Status, Parent, Debug, Misc]);
               false -> Misc
           end,
    {{status, self(), {module, Mod}, [PDict, Status, Parent, Debug, Info]}, Status, Misc};
do_cmd({change_code, Module, Vsn, Extra}, _Parent, Mod, _Debug, Misc, Status) ->
    case catch Mod:system_code_change(Misc, Module, Vsn, Extra) of
        {ok, NMisc} -> {ok, Status, NMisc};
        Else -> {{error, Else}, Status, Misc}
    end;
do_cmd({debug, _}, _Parent, _Mod, _Debug, Misc, Status) -> {ok, Status, Misc};
do_cmd(Other, _Parent, _Mod, _Debug, Misc, Status) -> {{error, {unknown_system_msg, Other}}, Status, Misc}.

callback(F) ->
    try {ok, F()}
    catch Class:Reason -> {failed, {Class, Reason}}
    end.
