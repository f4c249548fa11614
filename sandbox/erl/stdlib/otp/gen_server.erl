%% gen_server: the generic server behaviour, written for otpbox after OTP's
%% documented semantics.
%%
%% A server is a loop around the callback module's state. Requests arrive as
%% messages: {'$gen_call', From, Request} (call/2,3), {'$gen_cast', Msg}
%% (cast/2), {system, From, Msg} (sys and stop), {'EXIT', Parent, Reason}
%% (the parent's death ends the server) and anything else (handle_info/2).
%% The callback results decide what comes next: the new state and, as an
%% optional last element, a timeout (a 'timeout' message arrives if nothing
%% else does in time), hibernate (accepted; otpbox does not shrink the
%% process) or {continue, C} (handle_continue/2 runs before the next
%% message).
-module(gen_server).
-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3, abcast/2, send_request/2,
         wait_response/2, receive_response/2, check_response/2,
         enter_loop/3, enter_loop/4, enter_loop/5]).
%% Called by gen and sys.
-export([init_it/6, system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, system_code_change/4, format_status/2]).

-callback init(Args :: term()) -> term().
-callback handle_call(Request :: term(), From :: {pid(), term()}, State :: term()) -> term().
-callback handle_cast(Request :: term(), State :: term()) -> term().
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback handle_continue(Info :: term(), State :: term()) -> term().
-callback terminate(Reason :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-optional_callbacks([handle_info/2, handle_continue/2, terminate/2, code_change/3]).

%% The server loop's fixed parts, so that the loop passes one value.
-record(srv, {parent, name, mod, hib_after = infinity}).

start(Mod, Args, Opts) -> gen:start(?MODULE, nolink, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> gen:start(?MODULE, nolink, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> gen:start(?MODULE, link, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> gen:start(?MODULE, link, Name, Mod, Args, Opts).
start_monitor(Mod, Args, Opts) -> gen:start(?MODULE, monitor, Mod, Args, Opts).
start_monitor(Name, Mod, Args, Opts) -> gen:start(?MODULE, monitor, Name, Mod, Args, Opts).

%% call(Server, Request[, Timeout]) returns the reply; if the server dies,
%% or does not answer in time, the caller exits with
%% {Reason, {gen_server, call, Args}}.
call(Server, Request) ->
    try gen:call(Server, '$gen_call', Request) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout) ->
    try gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

%% cast(Server, Msg) always returns ok, whether or not the server exists.
cast(Server, Msg) ->
    catch send(Server, {'$gen_cast', Msg}),
    ok.

abcast(Name, Msg) ->
    cast(Name, Msg),
    abcast.

send(Dest, Msg) when is_atom(Dest) ->
    case whereis(Dest) of
        undefined -> ok;
        Pid -> Pid ! Msg
    end;
send({via, Mod, Name}, Msg) -> Mod:send(Name, Msg);
send(Dest, Msg) -> Dest ! Msg.

reply(From, Reply) -> gen:reply(From, Reply).

%% send_request/2 and friends: an asynchronous call whose reply is picked
%% up later. The request id is the monitor alias.
send_request(Server, Request) ->
    Pid = case Server of
              P when is_pid(P) -> P;
              N when is_atom(N) -> whereis(N)
          end,
    Mref = erlang:monitor(process, Pid, [{alias, demonitor}]),
    catch Pid ! {'$gen_call', {self(), [alias | Mref]}, Request},
    Mref.

wait_response(Mref, Timeout) -> receive_or_wait(Mref, Timeout, false).
receive_response(Mref, Timeout) -> receive_or_wait(Mref, Timeout, true).

receive_or_wait(Mref, Timeout, Abandon) ->
    receive
        {[alias | Mref], Reply} -> erlang:demonitor(Mref, [flush]), {reply, Reply};
        {'DOWN', Mref, _, Pid, Reason} -> {error, {Reason, Pid}}
    after Timeout ->
        case Abandon of
            true -> erlang:demonitor(Mref, [flush]);
            false -> ok
        end,
        timeout
    end.

check_response({[alias | Mref], Reply}, Mref) -> erlang:demonitor(Mref, [flush]), {reply, Reply};
check_response({'DOWN', Mref, _, Pid, Reason}, Mref) -> {error, {Reason, Pid}};
check_response(_, _) -> no_reply.

stop(Server) -> gen:stop(Server).
stop(Server, Reason, Timeout) -> gen:stop(Server, Reason, Timeout).

%% enter_loop turns the calling process (started with proc_lib) into a
%% server without calling init/1.
enter_loop(Mod, Opts, State) -> enter_loop(Mod, Opts, State, self(), infinity).
enter_loop(Mod, Opts, State, {_, _} = Name) -> enter_loop(Mod, Opts, State, Name, infinity);
enter_loop(Mod, Opts, State, Timeout) -> enter_loop(Mod, Opts, State, self(), Timeout).
enter_loop(Mod, Opts, State, Name, Timeout) ->
    Srv = #srv{parent = gen:get_parent(), name = gen:name(Name), mod = Mod,
               hib_after = hibernate_after(Opts)},
    loop(Srv, State, Timeout).

hibernate_after(Opts) ->
    case lists:keyfind(hibernate_after, 1, Opts) of
        {hibernate_after, T} -> T;
        false -> infinity
    end.

%% init_it runs in the new process (see gen:start/6).
init_it(Starter, Parent, Name, Mod, Args, Opts) ->
    put('$initial_call', {Mod, init, 1}),
    Srv = #srv{parent = Parent, name = gen:name(Name), mod = Mod, hib_after = hibernate_after(Opts)},
    case gen:callback(fun() -> Mod:init(Args) end) of
        {ok, {ok, State}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Srv, State, infinity);
        {ok, {ok, State, Next}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Srv, State, Next);
        Other ->
            gen:init_failed(Starter, Name, Other, bad_return_value)
    end.


%% The loop. Next is what the last callback asked for: a timeout in
%% milliseconds, infinity, hibernate or {continue, C}.
loop(Srv, State, {continue, C}) ->
    Result = gen:callback(fun() -> (Srv#srv.mod):handle_continue(C, State) end),
    handle_result(Srv, State, {continue, C}, Result, undefined);
loop(Srv, State, hibernate) ->
    loop(Srv, State, infinity);
loop(Srv, State, Timeout) ->
    Msg = receive
              Any -> Any
          after Timeout -> timeout
          end,
    handle_msg(Srv, State, Timeout, Msg).

handle_msg(#srv{parent = Parent} = Srv, State, Timeout, {system, From, Req}) ->
    sys:handle_system_msg(Req, From, Parent, ?MODULE, [], {Srv, State, Timeout});
handle_msg(#srv{parent = Parent} = Srv, State, _Timeout, {'EXIT', Parent, Reason} = Msg) ->
    terminate(Srv, State, Msg, exit, Reason, [], undefined);
handle_msg(#srv{mod = Mod} = Srv, State, _Timeout, {'$gen_call', From, Req} = Msg) ->
    Result = gen:callback(fun() -> Mod:handle_call(Req, From, State) end),
    handle_result(Srv, State, Msg, Result, From);
handle_msg(#srv{mod = Mod} = Srv, State, _Timeout, {'$gen_cast', Req} = Msg) ->
    Result = gen:callback(fun() -> Mod:handle_cast(Req, State) end),
    handle_result(Srv, State, Msg, Result, undefined);
handle_msg(#srv{mod = Mod, name = Name} = Srv, State, _Timeout, Msg) ->
    case erlang:function_exported(Mod, handle_info, 2) of
        true ->
            Result = gen:callback(fun() -> Mod:handle_info(Msg, State) end),
            handle_result(Srv, State, Msg, Result, undefined);
        false ->
            logger:log(warning, "** Undefined handle_info in ~p~n** Unhandled message: ~tp~n",
                       [Mod, Msg], #{}),
            _ = Name,
            loop(Srv, State, infinity)
    end.

%% handle_result acts on what a callback returned. From is the caller for
%% handle_call (a {stop, Reason, Reply, State} answers it before
%% terminating), undefined otherwise.
handle_result(Srv, _State, _Msg, {ok, {reply, Reply, NState}}, From) ->
    gen:reply(From, Reply),
    loop(Srv, NState, infinity);
handle_result(Srv, _State, _Msg, {ok, {reply, Reply, NState, Next}}, From) ->
    gen:reply(From, Reply),
    loop(Srv, NState, Next);
handle_result(Srv, _State, _Msg, {ok, {noreply, NState}}, _From) ->
    loop(Srv, NState, infinity);
handle_result(Srv, _State, _Msg, {ok, {noreply, NState, Next}}, _From) ->
    loop(Srv, NState, Next);
handle_result(Srv, _State, Msg, {ok, {stop, Reason, Reply, NState}}, From) ->
    try terminate(Srv, NState, Msg, exit, Reason, [], From)
    after gen:reply(From, Reply)
    end;
handle_result(Srv, _State, Msg, {ok, {stop, Reason, NState}}, From) ->
    terminate(Srv, NState, Msg, exit, Reason, [], From);
handle_result(Srv, State, Msg, {ok, Bad}, From) ->
    terminate(Srv, State, Msg, exit, {bad_return_value, Bad}, [], From);
handle_result(Srv, State, Msg, {'EXIT', Class, Reason, Stack}, From) ->
    terminate(Srv, State, Msg, Class, Reason, Stack, From).

%% terminate calls Mod:terminate/2 (if there is one), reports an abnormal
%% end, and ends the process with the reason. A crash in terminate/2
%% replaces the reason.
terminate(#srv{mod = Mod, name = Name}, State, Msg, Class, Reason, Stack, From) ->
    gen:terminate(Class, Reason, Stack,
                  fun(Exit) ->
                          case erlang:function_exported(Mod, terminate, 2) of
                              true -> Mod:terminate(Exit, State);
                              false -> ok
                          end
                  end,
                  fun(C, R, S) -> report(Name, Msg, State, gen:exit_reason(C, R, S), From) end).

%% The crash report, worded as OTP 25's logger words it.
report(Name, Msg, State, Reason, From) ->
    LastMsg = case Msg of
                  {'$gen_call', _, Req} -> Req;
                  _ -> Msg
              end,
    Client = case From of
                 {Pid, _} when is_pid(Pid) -> io_lib:format("** Client ~p stacktrace~n** ~tp~n", [Pid, client_stack(Pid)]);
                 _ -> ""
             end,
    logger:log(error, "** Generic server ~tp terminating \n** Last message in was ~tp~n"
               "** When Server state == ~tp~n** Reason for termination ==~n** ~tp~n~ts",
               [Name, LastMsg, State, Reason, Client], #{}).

client_stack(Pid) ->
    try process_info(Pid, current_stacktrace) of
        {current_stacktrace, S} -> S;
        _ -> []
    catch error:_ -> []
    end.

%% sys callbacks: Misc is {Srv, State, Timeout}.
system_continue(_Parent, _Debug, {Srv, State, Timeout}) ->
    loop(Srv, State, Timeout).

system_terminate(Reason, _Parent, _Debug, {Srv, State, _Timeout}) ->
    terminate(Srv, State, [], exit, Reason, [], undefined).

system_get_state({_Srv, State, _Timeout}) -> {ok, State}.

system_replace_state(F, {Srv, State, Timeout}) ->
    NState = F(State),
    {ok, NState, {Srv, NState, Timeout}}.

system_code_change({#srv{mod = Mod} = Srv, State, Timeout}, _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, State, Extra) of
        {ok, NState} -> {ok, {Srv, NState, Timeout}};
        Else -> Else
    end.

%% format_status(Opt, [PDict, SysState, Parent, Debug, Misc]) is the last
%% element of sys:get_status/1's answer.
format_status(Opt, [PDict, SysState, Parent, _Debug, {#srv{name = Name, mod = Mod}, State, _}]) ->
    Data = case erlang:function_exported(Mod, format_status, 2) of
               true ->
                   case catch Mod:format_status(Opt, [PDict, State]) of
                       {'EXIT', _} -> [{data, [{"State", State}]}];
                       Else when is_list(Else) -> Else;
                       Else -> [Else]
                   end;
               false -> [{data, [{"State", State}]}]
           end,
    Header = lists:flatten(io_lib:format("Status for generic server ~tp", [Name])),
    [{header, Header},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Logged events", []}]}
     | Data].
