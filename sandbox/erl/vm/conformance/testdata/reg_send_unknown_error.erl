-module(reg_send_unknown_error).
-export([main/0]).
%% sending to a name nobody has registered raises badarg.

main() ->
    reg_nobody_here ! hello.
