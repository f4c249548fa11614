-module(fmt_p_records_keys).
-export([main/0]).
%% Key-value tuple lists and long strings under ~p.
main() ->
    L = [{user_name, "a fairly long user name string"}, {email, "someone@example.com"},
         {roles, [admin, editor, viewer]}, {id, 12345678901234567890}],
    io:format("~p~n", [L]),
    io:format("~p~n", [{a_long_atom_name_here, another_long_atom_name, "and a string",
                        yet_another_atom, <<"bin">>}]),
    ok.
