-module(reg_unregister).
-export([main/0]).
%% unregister frees the name; unregistering again is badarg.

main() ->
    register(reg_unreg_me, self()),
    true = unregister(reg_unreg_me),
    W = whereis(reg_unreg_me),
    R = try unregister(reg_unreg_me) catch error:E -> {error, E} end,
    {W, R}.
