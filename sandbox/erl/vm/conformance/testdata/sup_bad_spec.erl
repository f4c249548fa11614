-module(sup_bad_spec).
-export([main/0, init/1]).
-behaviour(supervisor).
%% bad supervisor flags and child specs make the start fail.

init(bad_strategy) -> {ok, {#{strategy => all_for_none}, []}};
init(bad_restart) -> {ok, {#{}, [#{id => x, start => {m, f, []}, restart => sometimes}]}};
init(dup) -> {ok, {#{}, [#{id => x, start => {m, f, []}}, #{id => x, start => {m, f, []}}]}};
init(no_start) -> {ok, {#{}, [#{id => x}]}};
init(garbage) -> hello.

main() ->
    process_flag(trap_exit, true),
    [supervisor:start_link(?MODULE, X) || X <- [bad_strategy, bad_restart, dup, no_start, garbage]].
