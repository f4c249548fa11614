-module(proc_nested_receive).
-export([main/0]).
%% a receive inside another receive's clause.

main() ->
    self() ! outer, self() ! inner,
    receive
        outer ->
            receive inner -> both after 0 -> only_outer end
    end.
