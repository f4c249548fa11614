-module(reg_send_tuple).
-export([main/0]).
%% sending to {Name, node()}.

main() ->
    register(reg_tuple_me, self()),
    {reg_tuple_me, node()} ! via_tuple,
    receive M -> {M, node()} end.
