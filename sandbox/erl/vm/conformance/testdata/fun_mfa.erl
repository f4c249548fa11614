-module(fun_mfa).
-export([main/0]).
%% External funs print as fun M:F/A and carry their identity.
main() ->
    F = fun lists:reverse/1,
    G = fun erlang:length/1,
    io:format("~p ~w~n", [F, G]),
    [F([1, 2, 3]), G([a]), erlang:fun_info(F, module), erlang:fun_info(F, name),
     erlang:fun_info(F, arity), erlang:fun_info(F, type), F =:= fun lists:reverse/1,
     is_function(F), is_function(F, 1), is_function(F, 2)].
