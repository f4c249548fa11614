%% supervisor: the supervisor behaviour, written for otpbox after OTP's
%% documented semantics. A supervisor is a gen_server (this module is its
%% callback module) that traps exits, starts its children in order, and
%% restarts them by its strategy when they die:
%%
%%   one_for_one          only the child that died;
%%   one_for_all          all children (the others are stopped first);
%%   rest_for_one         the child that died and those started after it;
%%   simple_one_for_one   one spec, many children started by start_child/2.
%%
%% A child is permanent (always restarted), transient (restarted unless it
%% ended with normal, shutdown or {shutdown, _}) or temporary (never
%% restarted, and forgotten when it ends). More than Intensity restarts in
%% Period seconds make the supervisor stop its children and exit with
%% shutdown.
%%
%% The state (sys:get_state/1) is a #state{} record whose children field
%% lists #child{} records newest first. So that a debugger can show the
%% children without running code in the supervisor, the supervisor also
%% keeps '$supervisor_children' in its process dictionary: [{Id, Pid, Type}]
%% newest first (Id is undefined for simple_one_for_one, Pid is undefined
%% or restarting for a child without a process).
-module(supervisor).
-behaviour(gen_server).
-export([start_link/2, start_link/3, start_child/2, restart_child/2, delete_child/2,
         terminate_child/2, which_children/1, count_children/1, get_childspec/2,
         check_childspecs/1, check_childspecs/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, code_change/3]).

-callback init(Args :: term()) -> term().

-record(child, {pid = undefined,   % pid(), undefined, or restarting
                id,
                mfargs,
                restart_type = permanent,
                significant = false,
                shutdown = 5000,
                child_type = worker,
                modules = []}).

-record(state, {name,
                strategy = one_for_one,
                children = [],     % #child{}s, the last started first
                dynamics = [],     % simple_one_for_one: {Pid, ExtraArgs}, newest first
                intensity = 1,
                period = 5,
                restarts = [],     % monotonic seconds of recent restarts
                module,
                args}).

start_link(Mod, Args) ->
    gen_server:start_link(?MODULE, {self, Mod, Args}, []).

start_link(SupName, Mod, Args) ->
    gen_server:start_link(SupName, ?MODULE, {SupName, Mod, Args}, []).

%% start_child(Sup, ChildSpec) adds and starts a child; for a
%% simple_one_for_one supervisor the argument is the list of extra
%% arguments appended to the spec's start arguments.
start_child(Sup, ChildSpecOrArgs) -> call(Sup, {start_child, ChildSpecOrArgs}).
restart_child(Sup, Id) -> call(Sup, {restart_child, Id}).
delete_child(Sup, Id) -> call(Sup, {delete_child, Id}).
terminate_child(Sup, IdOrPid) -> call(Sup, {terminate_child, IdOrPid}).
which_children(Sup) -> call(Sup, which_children).
count_children(Sup) -> call(Sup, count_children).
get_childspec(Sup, Id) -> call(Sup, {get_childspec, Id}).

call(Sup, Req) -> gen_server:call(Sup, Req, infinity).

%% check_childspecs(Specs) is ok, or {error, Reason} for the first bad one.
check_childspecs(Specs) -> check_childspecs(Specs, undefined).
check_childspecs(Specs, _AutoShutdown) when is_list(Specs) ->
    case check_specs(Specs, []) of
        {ok, _} -> ok;
        Error -> Error
    end;
check_childspecs(X, _) -> {error, {badarg, X}}.

%%% The gen_server side.

init({SupName, Mod, Args}) ->
    %% What OTP's process listings show for a supervisor.
    put('$initial_call', {supervisor, Mod, 1}),
    process_flag(trap_exit, true),
    Name = case SupName of
               self -> {self(), Mod};
               _ -> SupName
           end,
    case Mod:init(Args) of
        {ok, {Flags, Specs}} ->
            case check_flags(Flags) of
                {ok, Strategy, Intensity, Period} ->
                    State = #state{name = Name, strategy = Strategy, intensity = Intensity,
                                   period = Period, module = Mod, args = Args},
                    init_children(State, Specs);
                Error ->
                    {stop, {supervisor_data, Error}}
            end;
        ignore ->
            ignore;
        Other ->
            {stop, {bad_return, {Mod, init, Other}}}
    end.

init_children(#state{strategy = simple_one_for_one} = State, Specs) ->
    case check_specs(Specs, []) of
        {ok, [Child]} ->
            NState = State#state{children = [Child]},
            publish(NState),
            {ok, NState};
        {ok, _} -> {stop, {bad_start_spec, Specs}};
        {error, Reason} -> {stop, {start_spec, Reason}}
    end;
init_children(State, Specs) ->
    case check_specs(Specs, []) of
        {ok, Children} ->
            case start_children(Children, [], State#state.name) of
                {ok, Started} ->
                    NState = State#state{children = Started},
                    publish(NState),
                    {ok, NState};
                {error, Started, Id, Reason} ->
                    stop_children(Started, State#state.name),
                    {stop, {shutdown, {failed_to_start_child, Id, Reason}}}
            end;
        {error, Reason} ->
            {stop, {start_spec, Reason}}
    end.

%% start_children(ToStart, Started, SupName) starts children in order
%% (ToStart oldest first) and returns them newest first. A child whose
%% start returns ignore stays as a spec without a process, unless it is
%% temporary.
start_children([], Started, _SupName) ->
    {ok, Started};
start_children([Child | Rest], Started, SupName) ->
    case do_start_child(Child, []) of
        {ok, Pid, _} ->
            start_children(Rest, [Child#child{pid = Pid} | Started], SupName);
        ignore when Child#child.restart_type =:= temporary ->
            start_children(Rest, Started, SupName);
        ignore ->
            start_children(Rest, [Child#child{pid = undefined} | Started], SupName);
        {error, Reason} ->
            report(start_error, Reason, Child, SupName),
            {error, Started, Child#child.id, Reason}
    end.

%% do_start_child calls the child's start function, normalizing what it
%% returns: {ok, Pid, Info} (Info is [] or the [I] of an {ok, Pid, I}
%% return, which start_child and restart_child pass on), ignore or
%% {error, Reason}.
do_start_child(#child{mfargs = {M, F, A}}, Extra) ->
    try apply(M, F, A ++ Extra) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid, []};
        {ok, Pid, Info} when is_pid(Pid) -> {ok, Pid, [Info]};
        ignore -> ignore;
        {error, Reason} -> {error, Reason};
        Other -> {error, Other}
    catch
        throw:Other -> {error, Other};
        exit:Reason -> {error, Reason};
        error:Reason:Stack -> {error, {'EXIT', {Reason, Stack}}}
    end.

do_call({start_child, Extra}, _From, #state{strategy = simple_one_for_one,
                                                 children = [Child]} = State) ->
    case do_start_child(Child, Extra) of
        {ok, Pid, Info} ->
            {reply, list_to_tuple([ok, Pid | Info]), State#state{dynamics = [{Pid, Extra} | State#state.dynamics]}};
        ignore ->
            {reply, {ok, undefined}, State};
        {error, _} = Error ->
            {reply, Error, State}
    end;
do_call({start_child, Spec}, _From, State) ->
    case check_spec(Spec) of
        {ok, Child} ->
            case find(Child#child.id, State) of
                #child{pid = Pid} when is_pid(Pid) ->
                    {reply, {error, {already_started, Pid}}, State};
                #child{} ->
                    {reply, {error, already_present}, State};
                false ->
                    start_new_child(Child, State)
            end;
        {error, _} = Error ->
            {reply, Error, State}
    end;
do_call({restart_child, _}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
do_call({restart_child, Id}, _From, State) ->
    case find(Id, State) of
        #child{pid = undefined} = Child ->
            case do_start_child(Child, []) of
                {ok, Pid, Info} -> {reply, list_to_tuple([ok, Pid | Info]), replace(Child#child{pid = Pid}, State)};
                ignore -> {reply, {ok, undefined}, State};
                {error, _} = Error -> {reply, Error, State}
            end;
        #child{pid = restarting} ->
            {reply, {error, restarting}, State};
        #child{} ->
            {reply, {error, running}, State};
        false ->
            {reply, {error, not_found}, State}
    end;
do_call({delete_child, _}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
do_call({delete_child, Id}, _From, State) ->
    case find(Id, State) of
        #child{pid = undefined} = Child -> {reply, ok, remove(Child, State)};
        #child{pid = restarting} -> {reply, {error, restarting}, State};
        #child{} -> {reply, {error, running}, State};
        false -> {reply, {error, not_found}, State}
    end;
do_call({terminate_child, Pid}, _From, #state{strategy = simple_one_for_one,
                                                   children = [Child]} = State) ->
    case lists:keymember(Pid, 1, State#state.dynamics) of
        true ->
            shutdown_child(Child#child{pid = Pid}, State#state.name),
            {reply, ok, State#state{dynamics = lists:keydelete(Pid, 1, State#state.dynamics)}};
        false ->
            %% As in OTP: a child that is already gone is terminated.
            case is_pid(Pid) andalso not is_process_alive(Pid) of
                true -> {reply, ok, State};
                false -> {reply, {error, not_found}, State}
            end
    end;
do_call({terminate_child, IdOrPid}, _From, State) ->
    Found = case is_pid(IdOrPid) of
                true -> lists:keyfind(IdOrPid, #child.pid, State#state.children);
                false -> find(IdOrPid, State)
            end,
    case Found of
        #child{} = Child ->
            shutdown_child(Child, State#state.name),
            {reply, ok, child_gone(Child, State)};
        false ->
            {reply, {error, not_found}, State}
    end;
do_call(which_children, _From, #state{strategy = simple_one_for_one,
                                          children = [Child]} = State) ->
    Reply = [{undefined, Pid, Child#child.child_type, Child#child.modules}
             || {Pid, _} <- State#state.dynamics],
    {reply, Reply, State};
do_call(which_children, _From, State) ->
    Reply = [{Id, Pid, Type, Mods}
             || #child{id = Id, pid = Pid, child_type = Type, modules = Mods} <- State#state.children],
    {reply, Reply, State};
do_call(count_children, _From, #state{strategy = simple_one_for_one,
                                          children = [Child]} = State) ->
    N = length(State#state.dynamics),
    {Sups, Workers} = case Child#child.child_type of
                          supervisor -> {N, 0};
                          worker -> {0, N}
                      end,
    {reply, [{specs, 1}, {active, N}, {supervisors, Sups}, {workers, Workers}], State};
do_call(count_children, _From, #state{children = Children} = State) ->
    Active = length([C || #child{pid = P} = C <- Children, is_pid(P)]),
    Sups = length([C || #child{child_type = supervisor} = C <- Children]),
    Reply = [{specs, length(Children)}, {active, Active},
             {supervisors, Sups}, {workers, length(Children) - Sups}],
    {reply, Reply, State};
do_call({get_childspec, Id}, _From, State) ->
    case find(Id, State) of
        #child{} = Child -> {reply, {ok, child_to_spec(Child)}, State};
        false -> {reply, {error, not_found}, State}
    end;
do_call(Req, _From, State) ->
    logger:log(error, "Supervisor received unexpected message: ~tp~n", [Req]),
    {reply, {error, {unexpected_call, Req}}, State}.

start_new_child(Child, State) ->
    case do_start_child(Child, []) of
        {ok, Pid, Info} ->
            {reply, list_to_tuple([ok, Pid | Info]), add(Child#child{pid = Pid}, State)};
        ignore when Child#child.restart_type =:= temporary ->
            {reply, {ok, undefined}, State};
        ignore ->
            {reply, {ok, undefined}, add(Child, State)};
        {error, Reason} ->
            {reply, {error, {Reason, child_tuple(Child)}}, State}
    end.

%% Every call and message may change the children: publish them after each.
handle_call(Req, From, State) -> published(do_call(Req, From, State)).
handle_info(Msg, State) -> published(do_info(Msg, State)).

published({reply, _, State} = Result) -> publish(State), Result;
published({noreply, State} = Result) -> publish(State), Result;
published({stop, _, State} = Result) -> publish(State), Result.

publish(#state{strategy = simple_one_for_one, children = [Child], dynamics = Dynamics}) ->
    put('$supervisor_children', [{undefined, Pid, Child#child.child_type} || {Pid, _} <- Dynamics]);
publish(#state{children = Children}) ->
    put('$supervisor_children', [{Id, Pid, Type} || #child{id = Id, pid = Pid, child_type = Type} <- Children]).

handle_cast(_Msg, State) ->
    {noreply, State}.

%% A child's exit, or a restart to try again after a start that failed.
do_info({'EXIT', Pid, Reason}, State) ->
    case exited(Pid, Reason, State) of
        {ok, NState} -> {noreply, NState};
        {shutdown, NState} -> {stop, shutdown, NState}
    end;
do_info({'$supervisor_restart', Id}, State) ->
    case find(Id, State) of
        #child{pid = restarting} = Child ->
            case restart(Child, State) of
                {ok, NState} -> {noreply, NState};
                {shutdown, NState} -> {stop, shutdown, NState}
            end;
        _ ->
            {noreply, State}
    end;
do_info(Msg, State) ->
    logger:log(error, "Supervisor received unexpected message: ~tp~n", [Msg]),
    {noreply, State}.

%% A supervisor that ends stops all its children first, newest first.
terminate(_Reason, #state{strategy = simple_one_for_one, children = [Child]} = State) ->
    [shutdown_child(Child#child{pid = Pid}, State#state.name) || {Pid, _} <- State#state.dynamics],
    ok;
terminate(_Reason, State) ->
    stop_children(State#state.children, State#state.name),
    ok.

%% A code change re-reads the flags and child specs from Mod:init/1, so
%% that a new version of the callback module takes effect; the children
%% keep running.
code_change(_OldVsn, #state{module = Mod, args = Args} = State, _Extra) ->
    case Mod:init(Args) of
        {ok, {Flags, Specs}} ->
            case {check_flags(Flags), check_specs(Specs, [])} of
                {{ok, Strategy, Intensity, Period}, {ok, New}} ->
                    Children = [update_spec(C, New) || C <- State#state.children],
                    {ok, State#state{strategy = Strategy, intensity = Intensity,
                                     period = Period, children = Children}};
                {{ok, _, _, _}, Error} -> Error;
                {Error, _} -> Error
            end;
        ignore -> {ok, State};
        Other -> {error, Other}
    end.

update_spec(#child{id = Id, pid = Pid} = Old, New) ->
    case lists:keyfind(Id, #child.id, New) of
        #child{} = C -> C#child{pid = Pid};
        false -> Old
    end.

%%% Children dying and being restarted.

exited(Pid, Reason, #state{strategy = simple_one_for_one, children = [Child]} = State) ->
    case lists:keyfind(Pid, 1, State#state.dynamics) of
        {Pid, Extra} ->
            Dead = Child#child{pid = Pid, mfargs = append_args(Child#child.mfargs, Extra)},
            Rest = State#state{dynamics = lists:keydelete(Pid, 1, State#state.dynamics)},
            case restart_wanted(Dead, Reason, State#state.name) of
                true -> restart_dynamic(Dead, Extra, Rest);
                false -> {ok, Rest}
            end;
        false ->
            {ok, State}
    end;
exited(Pid, Reason, State) ->
    case lists:keyfind(Pid, #child.pid, State#state.children) of
        #child{} = Child ->
            case restart_wanted(Child, Reason, State#state.name) of
                true -> restart(Child, State);
                false -> {ok, child_gone(Child, State)}
            end;
        false ->
            {ok, State}
    end.

append_args({M, F, A}, Extra) -> {M, F, A ++ Extra}.

%% restart_wanted decides by the restart type, and reports the exit when OTP
%% would: always for permanent children, and for others unless the reason
%% is normal, shutdown or {shutdown, _}.
restart_wanted(#child{restart_type = permanent} = Child, Reason, SupName) ->
    report(child_terminated, Reason, Child, SupName),
    true;
restart_wanted(_Child, normal, _) -> false;
restart_wanted(_Child, shutdown, _) -> false;
restart_wanted(_Child, {shutdown, _}, _) -> false;
restart_wanted(#child{restart_type = transient} = Child, Reason, SupName) ->
    report(child_terminated, Reason, Child, SupName),
    true;
restart_wanted(Child, Reason, SupName) ->
    report(child_terminated, Reason, Child, SupName),
    false.

%% child_gone records that a child has ended for good: a temporary child
%% is forgotten, the others keep their spec without a process.
child_gone(#child{restart_type = temporary} = Child, State) -> remove(Child, State);
child_gone(Child, State) -> replace(Child#child{pid = undefined}, State).

restart_dynamic(Dead, Extra, State) ->
    case add_restart(State) of
        {ok, State1} ->
            [Spec] = State1#state.children,
            case do_start_child(Spec, Extra) of
                {ok, Pid, _} -> {ok, State1#state{dynamics = [{Pid, Extra} | State1#state.dynamics]}};
                _ -> restart_dynamic(Dead, Extra, State1)
            end;
        {shutdown, State1} ->
            give_up(Dead, State1)
    end.

%% restart(Child, State) restarts the dead Child by the strategy, after
%% counting the restart against the intensity.
restart(Child, State) ->
    case add_restart(State) of
        {ok, State1} -> restart_by_strategy(Child, State1);
        {shutdown, State1} -> give_up(Child, State1)
    end.

give_up(Child, State) ->
    report(shutdown, reached_max_restart_intensity, Child, State#state.name),
    {shutdown, child_gone(Child, State)}.

restart_by_strategy(Child, #state{strategy = one_for_one} = State) ->
    case do_start_child(Child, []) of
        {ok, Pid, _} ->
            {ok, replace(Child#child{pid = Pid}, State)};
        ignore ->
            {ok, child_gone(Child, State)};
        {error, Reason} ->
            report(start_error, Reason, Child, State#state.name),
            try_again(Child, State)
    end;
restart_by_strategy(Child, #state{strategy = Strategy, children = Children} = State) ->
    %% Children is newest first: the ones started after Child come before it.
    {Later, [_ | Earlier]} = lists:splitwith(fun(C) -> C#child.id =/= Child#child.id end, Children),
    {Group, Keep} = case Strategy of
                        one_for_all -> {Later ++ [Child | Earlier], []};
                        rest_for_one -> {Later ++ [Child], Earlier}
                    end,
    stop_children([C || C <- Group, C#child.id =/= Child#child.id], State#state.name),
    %% Temporary children that were stopped are not restarted.
    Restart = [C || C <- lists:reverse(Group),
                    C#child.restart_type =/= temporary orelse C#child.id =:= Child#child.id],
    restart_group(Restart, Keep, State).

%% restart_group starts ToStart (oldest first) on top of Keep (newest
%% first). If one fails, the rest wait without a process and a retry is
%% scheduled for the failed one.
restart_group([], Started, State) ->
    {ok, State#state{children = Started}};
restart_group([Child | Rest], Started, State) ->
    case do_start_child(Child, []) of
        {ok, Pid, _} ->
            restart_group(Rest, [Child#child{pid = Pid} | Started], State);
        ignore ->
            restart_group(Rest, [Child#child{pid = undefined} | Started], State);
        {error, Reason} ->
            report(start_error, Reason, Child, State#state.name),
            Waiting = lists:reverse([C#child{pid = undefined} || C <- Rest]),
            State1 = State#state{children = Waiting ++ [Child#child{pid = restarting} | Started]},
            self() ! {'$supervisor_restart', Child#child.id},
            {ok, State1}
    end.

try_again(Child, State) ->
    self() ! {'$supervisor_restart', Child#child.id},
    {ok, replace(Child#child{pid = restarting}, State)}.

%% add_restart counts one more restart; more than Intensity of them within
%% Period seconds means giving up.
add_restart(#state{intensity = Intensity, period = Period, restarts = Restarts} = State) ->
    Now = erlang:monotonic_time(second),
    Recent = [Now | [T || T <- Restarts, Now - T < Period]],
    case length(Recent) > Intensity of
        true -> {shutdown, State#state{restarts = Recent}};
        false -> {ok, State#state{restarts = Recent}}
    end.

%%% Stopping children.

stop_children(Children, SupName) ->
    [shutdown_child(C, SupName) || #child{pid = Pid} = C <- Children, is_pid(Pid)],
    ok.

%% shutdown_child stops one child as its shutdown field says: brutal_kill
%% kills it; a timeout (or infinity) sends exit(Pid, shutdown) and kills it
%% only if it has not ended in time. The monitor tells when it is gone even
%% though the link is removed first (so no 'EXIT' reaches the loop).
shutdown_child(#child{pid = Pid, shutdown = Shutdown} = Child, SupName) when is_pid(Pid) ->
    Ref = erlang:monitor(process, Pid),
    unlink(Pid),
    Result = receive
                 {'EXIT', Pid, Reason} ->
                     receive {'DOWN', Ref, process, Pid, _} -> ok end,
                     {already_dead, Reason}
             after 0 ->
                 wait_shutdown(Pid, Ref, Shutdown)
             end,
    case Result of
        ok -> ok;
        {already_dead, R} when R =:= normal; R =:= shutdown -> ok;
        {already_dead, {shutdown, _}} -> ok;
        {already_dead, R} -> report(shutdown_error, R, Child, SupName);
        {error, R} -> report(shutdown_error, R, Child, SupName)
    end;
shutdown_child(_Child, _SupName) ->
    ok.

wait_shutdown(Pid, Ref, brutal_kill) ->
    exit(Pid, kill),
    receive
        {'DOWN', Ref, process, Pid, killed} -> ok;
        {'DOWN', Ref, process, Pid, Other} -> {error, Other}
    end;
wait_shutdown(Pid, Ref, Time) ->
    exit(Pid, shutdown),
    receive
        {'DOWN', Ref, process, Pid, shutdown} -> ok;
        {'DOWN', Ref, process, Pid, Other} -> {error, Other}
    after Time ->
        exit(Pid, kill),
        receive {'DOWN', Ref, process, Pid, Other} -> {error, Other} end
    end.

%%% The children list.

find(Id, #state{children = Children}) ->
    lists:keyfind(Id, #child.id, Children).

add(Child, #state{children = Children} = State) ->
    State#state{children = [Child | Children]}.

replace(#child{id = Id} = Child, #state{children = Children} = State) ->
    State#state{children = lists:keyreplace(Id, #child.id, Children, Child)}.

remove(#child{id = Id}, #state{children = Children} = State) ->
    State#state{children = lists:keydelete(Id, #child.id, Children)}.

%%% Checking flags and specs.

check_flags(Flags) when is_map(Flags) ->
    check_flags({maps:get(strategy, Flags, one_for_one), maps:get(intensity, Flags, 1),
                 maps:get(period, Flags, 5)});
check_flags({Strategy, Intensity, Period}) ->
    if
        Strategy =/= one_for_one, Strategy =/= one_for_all, Strategy =/= rest_for_one,
        Strategy =/= simple_one_for_one ->
            {invalid_strategy, Strategy};
        not is_integer(Intensity); Intensity < 0 ->
            {invalid_intensity, Intensity};
        not is_integer(Period); Period < 1 ->
            {invalid_period, Period};
        true ->
            {ok, Strategy, Intensity, Period}
    end;
check_flags(What) ->
    {bad_flags, What}.

%% check_specs returns the children in spec order, or the first error.
check_specs([], Acc) ->
    {ok, lists:reverse(Acc)};
check_specs([Spec | Rest], Acc) ->
    case check_spec(Spec) of
        {ok, #child{id = Id} = Child} ->
            case lists:keymember(Id, #child.id, Acc) of
                true -> {error, {duplicate_child_name, Id}};
                false -> check_specs(Rest, [Child | Acc])
            end;
        Error ->
            Error
    end.

check_spec({Id, Start, Restart, Shutdown, Type, Modules}) ->
    check_spec(#{id => Id, start => Start, restart => Restart, shutdown => Shutdown,
                 type => Type, modules => Modules});
check_spec(#{id := Id, start := {M, F, A} = MFA} = Spec) when is_atom(M), is_atom(F), is_list(A) ->
    Type = maps:get(type, Spec, worker),
    Restart = maps:get(restart, Spec, permanent),
    Shutdown = maps:get(shutdown, Spec, case Type of supervisor -> infinity; _ -> 5000 end),
    Modules = maps:get(modules, Spec, [M]),
    Significant = maps:get(significant, Spec, false),
    if
        Type =/= worker, Type =/= supervisor ->
            {error, {invalid_child_type, Type}};
        Restart =/= permanent, Restart =/= transient, Restart =/= temporary ->
            {error, {invalid_restart_type, Restart}};
        Shutdown =/= brutal_kill, Shutdown =/= infinity,
        not (is_integer(Shutdown) andalso Shutdown >= 0) ->
            {error, {invalid_shutdown, Shutdown}};
        Modules =/= dynamic, not is_list(Modules) ->
            {error, {invalid_modules, Modules}};
        true ->
            {ok, #child{id = Id, mfargs = MFA, restart_type = Restart, significant = Significant,
                        shutdown = Shutdown, child_type = Type, modules = Modules}}
    end;
check_spec(#{id := _, start := MFA}) ->
    {error, {invalid_mfa, MFA}};
check_spec(#{start := _}) ->
    {error, missing_id};
check_spec(#{}) ->
    {error, missing_start};
check_spec(Other) ->
    {error, {invalid_child_spec, Other}}.

child_to_spec(#child{id = Id, mfargs = MFA, restart_type = R, significant = S,
                     shutdown = Sh, child_type = T, modules = M}) ->
    #{id => Id, start => MFA, restart => R, significant => S, shutdown => Sh,
      type => T, modules => M}.

%% The child as OTP's own record prints, for start_child's error.
child_tuple(#child{pid = P, id = Id, mfargs = MFA, restart_type = R, significant = S,
                   shutdown = Sh, child_type = T, modules = M}) ->
    {child, P, Id, MFA, R, S, Sh, T, M}.

%%% Reports.

%% report prints a supervisor report on standard_error, worded as OTP 25.
report(Context, Reason, Child, SupName) ->
    Offender = [{pid, Child#child.pid}, {id, Child#child.id}, {mfargs, Child#child.mfargs},
                {restart_type, Child#child.restart_type}, {significant, Child#child.significant},
                {shutdown, Child#child.shutdown}, {child_type, Child#child.child_type}],
    logger:log(error, "    supervisor: ~tp~n    errorContext: ~tp~n    reason: ~tp~n    offender: ~tp~n",
               [SupName, Context, Reason, Offender],
               #{logger_formatter => #{title => "SUPERVISOR REPORT"}}).
