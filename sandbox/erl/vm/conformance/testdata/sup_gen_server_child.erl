-module(sup_gen_server_child).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
%% a supervised gen_server is restarted with a fresh state after a crash.

%% One module is both the supervisor's callback (init(sup)) and the
%% gen_server's (init({server, N}) and the handlers).
init(sup) ->
    {ok, {#{strategy => one_for_one},
          [#{id => counter, start => {gen_server, start_link, [{local, sup_gs_counter}, ?MODULE, {server, 0}, []]}}]}};
init({server, N}) -> {ok, N}.

handle_call(get, _From, N) -> {reply, N, N};
handle_call(crash, _From, _N) -> exit(crashed).
handle_cast(inc, N) -> {noreply, N + 1}.

main() ->
    {ok, Sup} = supervisor:start_link(?MODULE, sup),
    gen_server:cast(sup_gs_counter, inc),
    gen_server:cast(sup_gs_counter, inc),
    A = gen_server:call(sup_gs_counter, get),
    Old = whereis(sup_gs_counter),
    B = try gen_server:call(sup_gs_counter, crash) catch exit:{crashed, _} -> crashed end,
    timer:sleep(20),
    C = gen_server:call(sup_gs_counter, get),
    New = whereis(sup_gs_counter),
    unlink(Sup), exit(Sup, shutdown),
    {A, B, C, is_pid(New) andalso New =/= Old}.
