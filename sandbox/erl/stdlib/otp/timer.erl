%% timer: timers on top of the runtime's own (erlang:send_after/3 and
%% friends), without OTP's timer server.
%%
%% A one-shot send is a runtime timer: {ok, {send_local, Ref}}. Everything
%% that must run code later (apply_after, the intervals) is a small helper
%% process that waits with receive ... after; an interval's helper watches
%% the process it belongs to and stops when that process ends, as OTP's
%% intervals are linked to it: the destination of send_interval, the caller
%% of apply_interval. cancel/1 works on both kinds.
-module(timer).
-export([sleep/1, tc/1, tc/2, tc/3, send_after/2, send_after/3, apply_after/4,
         send_interval/2, send_interval/3, apply_interval/4, cancel/1,
         exit_after/2, exit_after/3, kill_after/1, kill_after/2,
         seconds/1, minutes/1, hours/1, hms/3, now_diff/2]).

%% sleep(Ms) suspends the calling process for Ms milliseconds (or forever,
%% for infinity); messages stay in the mailbox.
sleep(T) ->
    receive
    after T -> ok
    end.

%% tc(Fun), tc(Fun, Args), tc(M, F, Args): {Microseconds, Value}.
tc(F) ->
    T0 = erlang:monotonic_time(),
    V = F(),
    {elapsed(T0), V}.

tc(F, A) ->
    T0 = erlang:monotonic_time(),
    V = apply(F, A),
    {elapsed(T0), V}.

tc(M, F, A) ->
    T0 = erlang:monotonic_time(),
    V = apply(M, F, A),
    {elapsed(T0), V}.

elapsed(T0) ->
    erlang:convert_time_unit(erlang:monotonic_time() - T0, native, microsecond).

send_after(T, Msg) -> send_after(T, self(), Msg).
send_after(T, Dest, Msg) when is_integer(T), T >= 0, (is_pid(Dest) orelse is_atom(Dest)) ->
    {ok, {send_local, erlang:send_after(T, Dest, Msg)}};
send_after(_, _, _) ->
    {error, badarg}.

apply_after(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() ->
                        receive
                            cancel -> ok
                        after T -> spawn(M, F, A)
                        end
                end),
    {ok, {once, Pid}};
apply_after(_, _, _, _) ->
    {error, badarg}.

exit_after(T, Reason) -> exit_after(T, self(), Reason).
exit_after(T, Pid, Reason) -> apply_after(T, erlang, exit, [Pid, Reason]).
kill_after(T) -> exit_after(T, self(), kill).
kill_after(T, Pid) -> exit_after(T, Pid, kill).

send_interval(T, Msg) -> send_interval(T, self(), Msg).
send_interval(T, Dest, Msg) when is_integer(T), T >= 0 ->
    Owner = case Dest of
                Name when is_atom(Name) -> whereis(Name);
                Pid -> Pid
            end,
    case is_pid(Owner) of
        true -> interval(T, Owner, fun() -> catch Dest ! Msg end);
        false -> {error, badarg}
    end;
send_interval(_, _, _) ->
    {error, badarg}.

apply_interval(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    interval(T, self(), fun() -> spawn(M, F, A) end);
apply_interval(_, _, _, _) ->
    {error, badarg}.

interval(T, Owner, Tick) ->
    Pid = spawn(fun() ->
                        Ref = erlang:monitor(process, Owner),
                        tick(T, Ref, Tick, erlang:monotonic_time(millisecond) + T)
                end),
    {ok, {interval, Pid}}.

%% The interval keeps to its schedule: each wait is measured from the
%% previous deadline, so slow ticks do not make it drift.
tick(T, Ref, Tick, Next) ->
    Wait = max(0, Next - erlang:monotonic_time(millisecond)),
    receive
        cancel -> ok;
        {'DOWN', Ref, _, _, _} -> ok
    after Wait ->
        Tick(),
        tick(T, Ref, Tick, Next + T)
    end.

%% cancel(TRef) stops a timer: {ok, cancel}, or {error, badarg} for
%% something that is not a timer reference. Cancelling a timer that already
%% fired is not an error.
cancel({send_local, Ref}) when is_reference(Ref) ->
    erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({Kind, Pid}) when (Kind =:= once orelse Kind =:= interval), is_pid(Pid) ->
    Pid ! cancel,
    {ok, cancel};
cancel(_) ->
    {error, badarg}.

seconds(S) -> 1000 * S.
minutes(M) -> 60 * seconds(M).
hours(H) -> 60 * minutes(H).
hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

%% now_diff(T2, T1) is T2 - T1 in microseconds, for erlang:timestamp() values.
now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.
