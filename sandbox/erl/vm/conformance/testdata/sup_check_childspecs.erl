-module(sup_check_childspecs).
-export([main/0, init/1]).
-behaviour(supervisor).
%% supervisor:check_childspecs on good and bad specs.

init(_) -> ignore.

main() ->
    [supervisor:check_childspecs(S) || S <- [
        [#{id => a, start => {m, f, []}}],
        [{a, {m, f, []}, permanent, 5000, worker, [m]}],
        [#{id => a, start => {m, f, []}, shutdown => -1}],
        [#{id => a, start => {m, f, []}, type => boss}],
        [#{id => a, start => {m, f, []}}, #{id => a, start => {m, g, []}}]]].
