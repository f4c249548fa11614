%% gen_statem: the generic state machine behaviour, written for otpbox
%% after OTP's documented semantics.
%%
%% The callback mode is state_functions (Mod:State(EventType, Content, Data))
%% or handle_event_function (Mod:handle_event(EventType, Content, State,
%% Data)), optionally with state_enter: after each state change (and each
%% repeat_state) the new state is called with (enter, OldState, Data).
%%
%% Events come from the mailbox ({call, From}, cast, info), from timeouts
%% (timeout, state_timeout, {timeout, Name}) and from next_event actions
%% (internal or any type). They are handled one at a time from a queue that
%% is filled before the mailbox is read:
%%
%%   - next_event actions go first, in the order given;
%%   - a postponed event is kept aside and, at the next state change,
%%     queued again before everything else that was waiting;
%%   - an event timeout is cancelled by any event, a state timeout by a
%%     state change, a generic timeout only by another action on it.
-module(gen_statem).
-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/1, reply/2, stop/1, stop/3, send_request/2,
         receive_response/2, wait_response/2, enter_loop/4, enter_loop/5, enter_loop/6]).
%% Called by gen and sys.
-export([init_it/6, system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, system_code_change/4, format_status/2]).

-callback init(Args :: term()) -> term().
-callback callback_mode() -> term().
-callback terminate(Reason :: term(), State :: term(), Data :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Data :: term(), Extra :: term()) -> term().
-optional_callbacks([terminate/3, code_change/4]).

-record(m, {parent,
            name,
            mod,
            mode = state_functions,   % or handle_event_function
            enter = false,            % state enter calls on?
            state,
            data,
            queue = [],               % events to handle before the mailbox
            postponed = [],           % newest first
            timers = #{}}).           % timeout type => {TRef, Msg}

start(Mod, Args, Opts) -> gen:start(?MODULE, nolink, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> gen:start(?MODULE, nolink, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> gen:start(?MODULE, link, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> gen:start(?MODULE, link, Name, Mod, Args, Opts).
start_monitor(Mod, Args, Opts) -> gen:start(?MODULE, monitor, Mod, Args, Opts).
start_monitor(Name, Mod, Args, Opts) -> gen:start(?MODULE, monitor, Name, Mod, Args, Opts).

%% call(Server, Request[, Timeout]): the reply given with a {reply, From, R}
%% action or reply/2. The default timeout is infinity, as in OTP.
call(Server, Request) -> call(Server, Request, infinity).
call(Server, Request, Timeout) ->
    try gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Msg) -> gen_server:cast(Server, Msg).

reply({reply, From, Reply}) -> reply(From, Reply);
reply(Replies) when is_list(Replies) -> [reply(R) || R <- Replies], ok.
reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> gen:stop(Server).
stop(Server, Reason, Timeout) -> gen:stop(Server, Reason, Timeout).

send_request(Server, Request) -> gen_server:send_request(Server, Request).
receive_response(Id, Timeout) -> gen_server:receive_response(Id, Timeout).
wait_response(Id, Timeout) -> gen_server:wait_response(Id, Timeout).

%% enter_loop makes the calling proc_lib process a state machine without
%% calling init/1.
enter_loop(Mod, Opts, State, Data) -> enter_loop(Mod, Opts, State, Data, self(), []).
enter_loop(Mod, Opts, State, Data, {_, _} = Name) -> enter_loop(Mod, Opts, State, Data, Name, []);
enter_loop(Mod, Opts, State, Data, Actions) -> enter_loop(Mod, Opts, State, Data, self(), Actions).
enter_loop(Mod, _Opts, State, Data, Name, Actions) ->
    M = callback_mode(#m{parent = gen:get_parent(), name = gen:name(Name), mod = Mod}),
    start_machine(M, State, Data, Actions).

init_it(Starter, Parent, Name, Mod, Args, _Opts) ->
    put('$initial_call', {Mod, init, 1}),
    M0 = #m{parent = Parent, name = gen:name(Name), mod = Mod},
    case gen:callback(fun() -> Mod:init(Args) end) of
        {ok, {ok, State, Data}} ->
            init_ok(Starter, M0, State, Data, []);
        {ok, {ok, State, Data, Actions}} ->
            init_ok(Starter, M0, State, Data, Actions);
        {ok, Else} = Other when Else =/= ignore, not (is_tuple(Else) andalso element(1, Else) =:= stop) ->
            %% Unlike gen_server, gen_statem reports a bad init/1 result.
            report(M0, undefined, error, {bad_return_from_init, Else}, []),
            gen:init_failed(Starter, Name, Other, bad_return_from_init);
        Other ->
            gen:init_failed(Starter, Name, Other, bad_return_from_init)
    end.

init_ok(Starter, M0, State, Data, Actions) ->
    M = callback_mode(M0),
    proc_lib:init_ack(Starter, {ok, self()}),
    start_machine(M, State, Data, Actions).

callback_mode(#m{mod = Mod} = M) ->
    case Mod:callback_mode() of
        Mode when Mode =:= state_functions; Mode =:= handle_event_function ->
            M#m{mode = Mode};
        List when is_list(List) ->
            Mode = hd([X || X <- List, X =:= state_functions orelse X =:= handle_event_function]),
            M#m{mode = Mode, enter = lists:member(state_enter, List)};
        Bad ->
            exit({bad_callback_mode, Bad})
    end.

%% The first state is entered as if from itself.
start_machine(M, State, Data, Actions) ->
    M1 = M#m{state = State, data = Data},
    transition(M1, init, State, Data, listify(Actions), true).

listify(L) when is_list(L) -> L;
listify(A) -> [A].

%%% The loop.

loop(#m{queue = [Event | Rest]} = M) ->
    handle_event(M#m{queue = Rest}, Event);
loop(#m{parent = Parent} = M) ->
    receive
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, [], M);
        {'EXIT', Parent, Reason} = Msg ->
            terminate(M, {info, Msg}, exit, Reason, []);
        {'$gen_call', From, Req} ->
            handle_event(M, {{call, From}, Req});
        {'$gen_cast', Req} ->
            handle_event(M, {cast, Req});
        {timeout, TRef, Type} = Msg ->
            case M#m.timers of
                #{Type := {TRef, Content}} ->
                    handle_event(M#m{timers = maps:remove(Type, M#m.timers)}, {Type, Content});
                _ ->
                    handle_event(M, {info, Msg})
            end;
        Msg ->
            handle_event(M, {info, Msg})
    end.

%% Any event cancels the event timeout (the timeout's own event included,
%% which has already been taken off the timers).
handle_event(M, {Type, Content} = Event) ->
    M1 = cancel_timer(timeout, M),
    case call_state(M1, Type, Content) of
        {ok, Result} -> result(M1, Event, Result);
        {'EXIT', Class, Reason, Stack} -> terminate(M1, Event, Class, Reason, Stack)
    end.

call_state(#m{mod = Mod, mode = state_functions, state = State, data = Data}, Type, Content) ->
    gen:callback(fun() -> Mod:State(Type, Content, Data) end);
call_state(#m{mod = Mod, state = State, data = Data}, Type, Content) ->
    gen:callback(fun() -> Mod:handle_event(Type, Content, State, Data) end).

%% result acts on a state callback's return value for Event.
result(#m{state = S, data = D} = M, Event, Result) ->
    case Result of
        {next_state, NS, ND} -> transition(M, Event, NS, ND, [], NS =/= S);
        {next_state, NS, ND, A} -> transition(M, Event, NS, ND, listify(A), NS =/= S);
        {keep_state, ND} -> transition(M, Event, S, ND, [], false);
        {keep_state, ND, A} -> transition(M, Event, S, ND, listify(A), false);
        keep_state_and_data -> transition(M, Event, S, D, [], false);
        {keep_state_and_data, A} -> transition(M, Event, S, D, listify(A), false);
        {repeat_state, ND} -> transition(M, Event, S, ND, [], repeat);
        {repeat_state, ND, A} -> transition(M, Event, S, ND, listify(A), repeat);
        repeat_state_and_data -> transition(M, Event, S, D, [], repeat);
        {repeat_state_and_data, A} -> transition(M, Event, S, D, listify(A), repeat);
        stop -> terminate(M, Event, exit, normal, []);
        {stop, Reason} -> terminate(M, Event, exit, Reason, []);
        {stop, Reason, ND} -> terminate(M#m{data = ND}, Event, exit, Reason, []);
        {stop_and_reply, Reason, Replies} ->
            reply(listify(Replies)),
            terminate(M, Event, exit, Reason, []);
        {stop_and_reply, Reason, Replies, ND} ->
            reply(listify(Replies)),
            terminate(M#m{data = ND}, Event, exit, Reason, []);
        Bad ->
            terminate(M, Event, error, {bad_return_from_state_function, Bad}, here())
    end.

%% here() is the caller's stack, for the errors gen_statem raises itself
%% (OTP ends the process with class error and a stack for them).
here() ->
    try throw(here)
    catch throw:here:Stack -> tl(Stack)
    end.

%% transition moves to NS with ND and performs the actions. Changed is
%% true for a new state, repeat for repeat_state, false otherwise; the
%% first two run the state enter call (when the callback mode has it).
transition(#m{state = S} = M, Event, NS, ND, Actions, Changed) ->
    case actions(Actions, Event, #{next => [], postpone => false, timeouts => []}) of
        {ok, #{next := Next, postpone := Postpone, timeouts := Timeouts}} ->
            Postponed = case Postpone of
                            true -> [Event | M#m.postponed];
                            false -> M#m.postponed
                        end,
            M1 = case Changed of
                     true ->
                         %% The postponed events are retried in the new state.
                         cancel_timer(state_timeout,
                                      M#m{queue = Next ++ lists:reverse(Postponed) ++ M#m.queue,
                                          postponed = []});
                     _ ->
                         M#m{queue = Next ++ M#m.queue, postponed = Postponed}
                 end,
            M2 = start_timers(lists:reverse(Timeouts), M1#m{state = NS, data = ND}),
            case Changed =/= false andalso M2#m.enter of
                true -> enter(M2, Event, S);
                false -> loop(M2)
            end;
        {error, Reason} ->
            terminate(M#m{state = NS, data = ND}, Event, error, Reason, here())
    end.

%% enter runs the state enter call for the current state, coming from Old.
enter(#m{mod = Mod, mode = Mode, state = State, data = Data} = M, Event, Old) ->
    Call = case Mode of
               state_functions -> fun() -> Mod:State(enter, Old, Data) end;
               handle_event_function -> fun() -> Mod:handle_event(enter, Old, State, Data) end
           end,
    case gen:callback(Call) of
        {ok, Result} -> enter_result(M, Event, Result);
        {'EXIT', Class, Reason, Stack} -> terminate(M, Event, Class, Reason, Stack)
    end.

%% A state enter call may change the data and set timeouts and replies, but
%% not the state, and it cannot postpone or insert events.
enter_result(#m{state = S, data = D} = M, Event, Result) ->
    Same = fun(NS, ND, A) ->
                   case NS =:= S of
                       true -> enter_actions(M#m{data = ND}, Event, listify(A));
                       false -> terminate(M, Event, error, {bad_state_enter_return_from_state_function, Result}, here())
                   end
           end,
    case Result of
        {next_state, NS, ND} -> Same(NS, ND, []);
        {next_state, NS, ND, A} -> Same(NS, ND, A);
        {keep_state, ND} -> Same(S, ND, []);
        {keep_state, ND, A} -> Same(S, ND, A);
        keep_state_and_data -> Same(S, D, []);
        {keep_state_and_data, A} -> Same(S, D, A);
        {repeat_state, ND} -> Same(S, ND, []);
        {repeat_state, ND, A} -> Same(S, ND, A);
        repeat_state_and_data -> Same(S, D, []);
        {repeat_state_and_data, A} -> Same(S, D, A);
        _ -> result(M, Event, Result)
    end.

enter_actions(M, Event, Actions) ->
    case actions(Actions, Event, #{next => [], postpone => false, timeouts => []}) of
        {ok, #{next := [], postpone := false, timeouts := Timeouts}} ->
            loop(start_timers(lists:reverse(Timeouts), M));
        {ok, _} ->
            terminate(M, Event, error, {bad_state_enter_action_from_state_function, Actions}, here());
        {error, Reason} ->
            terminate(M, Event, error, Reason, here())
    end.

%% actions performs replies at once and collects the rest: next events (in
%% order), whether to postpone, and timeouts (newest first).
actions([], _Event, Acc) ->
    {ok, Acc#{next := lists:reverse(maps:get(next, Acc))}};
actions([A | Rest], Event, Acc) ->
    case A of
        postpone -> actions(Rest, Event, Acc#{postpone := true});
        {postpone, P} when is_boolean(P) -> actions(Rest, Event, Acc#{postpone := P});
        hibernate -> actions(Rest, Event, Acc);
        {hibernate, _} -> actions(Rest, Event, Acc);
        {reply, From, Reply} -> reply(From, Reply), actions(Rest, Event, Acc);
        {next_event, Type, Content} ->
            actions(Rest, Event, Acc#{next := [{Type, Content} | maps:get(next, Acc)]});
        T when is_integer(T); T =:= infinity -> timeout_action(timeout, T, T, Rest, Event, Acc);
        {timeout, T, Msg} -> timeout_action(timeout, T, Msg, Rest, Event, Acc);
        {timeout, T, Msg, _Opts} -> timeout_action(timeout, T, Msg, Rest, Event, Acc);
        {state_timeout, T, Msg} -> timeout_action(state_timeout, T, Msg, Rest, Event, Acc);
        {state_timeout, T, Msg, _Opts} -> timeout_action(state_timeout, T, Msg, Rest, Event, Acc);
        {{timeout, Name}, T, Msg} -> timeout_action({timeout, Name}, T, Msg, Rest, Event, Acc);
        {{timeout, Name}, T, Msg, _Opts} -> timeout_action({timeout, Name}, T, Msg, Rest, Event, Acc);
        {Type, cancel} when Type =:= timeout; Type =:= state_timeout; element(1, Type) =:= timeout ->
            timeout_action(Type, infinity, cancel, Rest, Event, Acc);
        _ -> {error, {bad_action_from_state_function, A}}
    end.

timeout_action(Type, T, Msg, Rest, Event, Acc) when is_integer(T), T >= 0; T =:= infinity ->
    actions(Rest, Event, Acc#{timeouts := [{Type, T, Msg} | maps:get(timeouts, Acc)]});
timeout_action(Type, T, Msg, _Rest, _Event, _Acc) ->
    {error, {bad_action_from_state_function, {Type, T, Msg}}}.

%% start_timers replaces each named timeout. A timeout of 0 is an event
%% queued at once, after those already queued (so it comes before anything
%% still in the mailbox); an event timeout is dropped when events are
%% already queued, as one of them would cancel it anyway.
start_timers([], M) -> M;
start_timers([{Type, T, Msg} | Rest], M) ->
    M1 = cancel_timer(Type, M),
    M2 = if
             T =:= infinity -> M1;
             Type =:= timeout, M1#m.queue =/= [] -> M1;
             T =:= 0 -> M1#m{queue = M1#m.queue ++ [{Type, Msg}]};
             true ->
                 TRef = erlang:start_timer(T, self(), Type),
                 M1#m{timers = maps:put(Type, {TRef, Msg}, M1#m.timers)}
         end,
    start_timers(Rest, M2).

%% cancel_timer stops a timeout and drops its message if it already came.
cancel_timer(Type, #m{timers = Timers} = M) ->
    case Timers of
        #{Type := {TRef, _}} ->
            case erlang:cancel_timer(TRef) of
                false -> receive {timeout, TRef, _} -> ok after 0 -> ok end;
                _ -> ok
            end,
            M#m{timers = maps:remove(Type, Timers)};
        _ ->
            M
    end.

%%% Terminating.

terminate(#m{mod = Mod, state = State, data = Data} = M, Event, Class, Reason, Stack) ->
    gen:terminate(Class, Reason, Stack,
                  fun(Exit) ->
                          case erlang:function_exported(Mod, terminate, 3) of
                              true -> Mod:terminate(Exit, State, Data);
                              false -> ok
                          end
                  end,
                  fun(C, R, S) -> report(M, Event, C, R, S) end).

%% The crash report, worded as OTP 25's: the event is left out when there
%% was none (init/1 failed), the queues when they are empty.
report(#m{name = Name, mod = Mod, mode = Mode, enter = Enter, state = State, data = Data,
          queue = Queue, postponed = Postponed}, Event, Class, Reason, Stack) ->
    Modes = case Enter of
                true -> [Mode, state_enter];
                false -> Mode
            end,
    Lines = [{"** State machine ~tp terminating~n", [Name]}]
        ++ [{"** Last event = ~tp~n", [Event]} || Event =/= undefined]
        ++ [{"** When server state  = ~tp~n", [{State, Data}]},
            {"** Reason for termination = ~w:~tp~n", [Class, Reason]},
            {"** Callback modules = ~tp~n", [[Mod]]},
            {"** Callback mode = ~p~n", [Modes]}]
        ++ [{"** Queued = ~tp~n", [Queue]} || Queue =/= []]
        ++ [{"** Postponed = ~tp~n", [Postponed]} || Postponed =/= []]
        ++ [{"** Stacktrace =~n**  ~tp~n", [Stack]}],
    logger:log(error, lists:append([F || {F, _} <- Lines]), lists:append([A || {_, A} <- Lines]), #{}).

%%% sys callbacks: Misc is the #m{} record.

system_continue(_Parent, _Debug, M) -> loop(M).

system_terminate(Reason, _Parent, _Debug, M) ->
    terminate(M, {info, {system, terminate}}, exit, Reason, []).

system_get_state(#m{state = S, data = D}) -> {ok, {S, D}}.

system_replace_state(F, #m{state = S, data = D} = M) ->
    {NS, ND} = F({S, D}),
    {ok, {NS, ND}, M#m{state = NS, data = ND}}.

system_code_change(#m{mod = Mod, state = S, data = D} = M, _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, S, D, Extra) of
        {ok, NS, ND} -> {ok, (callback_mode(M))#m{state = NS, data = ND}};
        Else -> Else
    end.

format_status(_Opt, [_PDict, SysState, Parent, _Debug, #m{name = Name, state = S, data = D,
                                                          postponed = P}]) ->
    Header = lists:flatten(io_lib:format("Status for state machine ~tp", [Name])),
    [{header, Header},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Logged Events", []}, {"Postponed", P}]},
     {data, [{"State", {S, D}}]}].
