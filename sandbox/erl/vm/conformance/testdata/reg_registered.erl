-module(reg_registered).
-export([main/0]).
%% registered/0 lists the name while it is registered.

main() ->
    register(reg_listed_name, self()),
    A = lists:member(reg_listed_name, registered()),
    unregister(reg_listed_name),
    B = lists:member(reg_listed_name, registered()),
    {A, B}.
