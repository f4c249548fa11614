%% Creates atoms until the table is full: system_limit, which is catchable.
-module(atom_bomb).
-export([main/0]).
main() ->
    try make(0)
    catch error:system_limit -> io:format("caught system_limit~n"), erlang:error(system_limit)
    end.
make(N) -> list_to_atom("atom_" ++ integer_to_list(N)), make(N + 1).
