-module(proct).
%% Process runtime cases for proc_test.go: each exported function returns a
%% term printed with ~w into proct.golden by record.sh, from real OTP 25.
%% Results avoid pids, references and times so they are deterministic.
-export([id/1, links/0, monitors/0, names/0, selective/0, timeouts/0, timers/0, info/0, dict/0, exits/0, nodes/0]).

%% Links and exit signals: trap_exit turns signals into messages; kill
%% becomes killed; normal does not kill a process that does not trap.
links() ->
    Self = self(),
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(boom) end),
    R1 = receive {'EXIT', P1, W1} -> W1 after 1000 -> timeout end,
    P2 = spawn_link(fun() -> receive never -> ok end end),
    exit(P2, kill),
    R2 = receive {'EXIT', P2, W2} -> W2 after 1000 -> timeout end,
    P3 = spawn(fun() -> receive go -> ok end end),
    exit(P3, normal),
    R3 = is_process_alive(P3),
    P3 ! go,
    %% A linked crash kills a process that does not trap exits, and the
    %% reason travels on to the one that does.
    P4 = spawn_link(fun() ->
                            spawn_link(fun() -> exit(inner) end),
                            receive never -> ok end
                    end),
    R4 = receive {'EXIT', P4, W4} -> W4 after 1000 -> timeout end,
    %% Linking to a dead process: noproc.
    Dead = spawn(fun() -> ok end),
    M = monitor(process, Dead),
    receive {'DOWN', M, _, _, _} -> ok end,
    true = link(Dead),
    R5 = receive {'EXIT', Dead, W5} -> W5 after 1000 -> timeout end,
    %% unlink: no signal afterwards.
    P6 = spawn_link(fun() -> receive go -> exit(late) end end),
    unlink(P6),
    P6 ! go,
    R6 = receive {'EXIT', P6, W6} -> W6 after 100 -> none end,
    %% exit/2 with a reason other than kill to a trapping process.
    P7 = spawn(fun() -> process_flag(trap_exit, true), Self ! trapping,
                        receive {'EXIT', From, Why} -> From ! {got, Why} end end),
    receive trapping -> ok end,
    exit(P7, please),
    R7 = receive {got, W7} -> W7 after 1000 -> timeout end,
    %% kill cannot be trapped.
    P8 = spawn(fun() -> process_flag(trap_exit, true), Self ! trapping, receive _ -> ok end end),
    receive trapping -> ok end,
    M8 = monitor(process, P8),
    exit(P8, kill),
    R8 = receive {'DOWN', M8, process, P8, W8} -> W8 after 1000 -> timeout end,
    [R1, R2, R3, R4, R5, R6, R7, R8].

monitors() ->
    {P, M} = spawn_monitor(fun() -> exit(bye) end),
    R1 = receive {'DOWN', M, process, P, W} -> W after 1000 -> timeout end,
    M2 = monitor(process, P),
    R2 = receive {'DOWN', M2, process, P, W2} -> W2 after 1000 -> timeout end,
    %% demonitor with flush removes a 'DOWN' already in the mailbox.
    {P3, M3} = spawn_monitor(fun() -> ok end),
    timer:sleep(20),
    R3 = demonitor(M3, [flush, info]),
    R4 = receive {'DOWN', M3, _, _, _} -> still_there after 0 -> flushed end,
    %% info: true while the monitor was active.
    P5 = spawn(fun() -> receive stop -> ok end end),
    M5 = monitor(process, P5),
    R5 = demonitor(M5, [info]),
    R6 = demonitor(M5, [info]),
    P5 ! stop,
    %% Monitoring a registered name that does not exist.
    M7 = monitor(process, no_such_name),
    R7 = receive {'DOWN', M7, process, Who7, W7} -> {Who7, W7} after 1000 -> timeout end,
    {monitors, Ms} = process_info(self(), monitors),
    [R1, R2, R3, R4, R5, R6, R7, Ms, is_process_alive(P3)].

names() ->
    P = spawn(fun Loop() -> receive {ping, F} -> F ! pong, Loop(); stop -> ok end end),
    R1 = register(srv, P),
    R2 = whereis(srv) =:= P,
    srv ! {ping, self()},
    R3 = receive pong -> pong after 1000 -> timeout end,
    {srv, node()} ! {ping, self()},
    R4 = receive pong -> pong after 1000 -> timeout end,
    R5 = err(fun() -> no_such ! hello end),
    R6 = err(fun() -> register(srv, self()) end),
    R7 = lists:member(srv, registered()),
    R8 = process_info(P, registered_name),
    M = monitor(process, P),
    srv ! stop,
    receive {'DOWN', M, _, _, _} -> ok end,
    R9 = whereis(srv),
    R10 = register(srv, self()),
    R11 = unregister(srv),
    R12 = err(fun() -> unregister(srv) end),
    R13 = process_info(self(), registered_name),
    R14 = err(fun() -> erlang:send(no_such, x) end),
    [R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, node(), node(self())].

%% Selective receive takes the first message that matches and leaves the
%% others in order.
selective() ->
    self() ! a, self() ! b, self() ! c, self() ! {d, 1},
    X = receive c -> c end,
    Y = receive {d, N} -> N end,
    {messages, Left} = process_info(self(), messages),
    Z = receive M1 -> M1 end,
    W = receive M2 -> M2 end,
    E = receive M3 -> M3 after 0 -> empty end,
    [X, Y, Left, Z, W, E].

timeouts() ->
    T0 = erlang:monotonic_time(millisecond),
    R1 = receive never -> got after 30 -> timeout end,
    T1 = erlang:monotonic_time(millisecond),
    self() ! x,
    R2 = receive x -> x after infinity -> timeout end,
    R3 = err(fun() -> receive x -> x after -1 -> timeout end end),
    R4 = err(fun() -> receive x -> x after foo -> timeout end end),
    ok = timer:sleep(10),
    {Micros, R5} = timer:tc(fun() -> timer:sleep(20), done end),
    [R1, T1 - T0 >= 30, R2, R3, R4, R5, Micros >= 20000].

timers() ->
    T1 = erlang:send_after(10000, self(), late),
    Left = erlang:read_timer(T1),
    C1 = erlang:cancel_timer(T1),
    C2 = erlang:cancel_timer(T1),
    R1 = erlang:read_timer(T1),
    T2 = erlang:start_timer(10, self(), hello),
    R2 = receive {timeout, T2, hello} -> fired after 1000 -> timeout end,
    R3 = erlang:cancel_timer(T2),
    erlang:send_after(20, self(), second),
    erlang:send_after(10, self(), first),
    R4 = receive A -> A end,
    R5 = receive B -> B end,
    R6 = receive late -> late after 0 -> none end,
    Name = erlang:send_after(5, self_name, to_name),
    register(self_name, self()),
    R7 = receive to_name -> to_name after 1000 -> timeout end,
    unregister(self_name),
    R8 = err(fun() -> erlang:send_after(-1, self(), x) end),
    [Left > 9000 andalso Left =< 10000, C1 > 9000 andalso C1 =< 10000, C2, R1, R2, R3,
     R4, R5, R6, is_reference(Name), R7, R8].

info() ->
    Self = self(),
    P = spawn(fun() -> put(k, v), Self ! ready, receive stop -> ok end end),
    receive ready -> ok end,
    P ! one, P ! two,
    timer:sleep(10),
    {message_queue_len, L} = process_info(P, message_queue_len),
    {messages, Ms} = process_info(P, messages),
    {status, S} = process_info(P, status),
    {dictionary, D} = process_info(P, dictionary),
    {initial_call, I} = process_info(P, initial_call),
    {current_function, CF} = process_info(P, current_function),
    {trap_exit, TE} = process_info(P, trap_exit),
    {reductions, Rd} = process_info(P, reductions),
    {memory, Mem} = process_info(P, memory),
    {links, Ls} = process_info(P, links),
    Many = process_info(P, [message_queue_len, trap_exit]),
    exit(P, kill),
    timer:sleep(10),
    [L, Ms, S, lists:member({k, v}, D), element(1, I), tuple_size(CF), TE,
     is_integer(Rd), is_integer(Mem) andalso Mem > 0, Ls, Many,
     process_info(P, status), is_process_alive(P), lists:member(self(), processes())].

dict() ->
    undefined = put(a, 1),
    1 = put(a, 2),
    put(b, 3),
    K = lists:sort(get_keys()),
    G = get(a),
    E = erase(a),
    E2 = erase(a),
    U = get(a),
    All = get(),
    [K, G, E, E2, U, All].

%% exit/1 in a process, and an error's reason as its exit value.
exits() ->
    {P1, M1} = spawn_monitor(fun() -> exit(normal) end),
    R1 = receive {'DOWN', M1, process, P1, W1} -> W1 end,
    {P2, M2} = spawn_monitor(fun() -> erlang:error(oops) end),
    R2 = receive {'DOWN', M2, process, P2, {W2, [_|_]}} -> W2 end,
    {P3, M3} = spawn_monitor(fun() -> throw(ball) end),
    R3 = receive {'DOWN', M3, process, P3, {W3, [_|_]}} -> W3 end,
    {P4, M4} = spawn_monitor(fun() -> one = id(two) end),
    R4 = receive {'DOWN', M4, process, P4, {W4, _}} -> W4 end,
    %% exit(self(), normal) ends the caller, unless it traps exits.
    {P5, M5} = spawn_monitor(fun() -> exit(self(), normal), exit(survived) end),
    R5 = receive {'DOWN', M5, process, P5, W5} -> W5 end,
    process_flag(trap_exit, true),
    true = exit(self(), normal),
    Self = self(),
    R6 = receive {'EXIT', Self, W6} -> {trapped, W6} after 1000 -> timeout end,
    [R1, R2, R3, R4, R5, R6].

id(X) -> X.

err(F) -> try F() catch C:R -> {C, R} end.

%% The node forms of spawn on the local node.
nodes() ->
    Self = self(),
    P1 = spawn(node(), fun() -> Self ! one end),
    A = receive one -> one end,
    P2 = spawn(node(), lists, reverse, [[1, 2]]),
    {P3, M3} = spawn_monitor(node(), fun() -> exit(bye) end),
    B = receive {'DOWN', M3, process, P3, W} -> W end,
    process_flag(trap_exit, true),
    P4 = spawn_link(node(), erlang, exit, [gone]),
    C = receive {'EXIT', P4, W4} -> W4 end,
    {P5, M5} = spawn_monitor(node(), erlang, exit, [bye5]),
    D = receive {'DOWN', M5, process, P5, W5} -> W5 end,
    {is_pid(P1), is_pid(P2), A, B, C, D}.
