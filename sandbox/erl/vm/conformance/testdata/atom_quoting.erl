-module(atom_quoting).
-export([main/0]).
%% Atoms that need quotes are printed with them.
main() ->
    As = ['hello world', '[]', [], 'case', 'end', 'A', 'Abc', a@b, 'a.b', '', 'é', ok, 'ok!',
          'tab\there', 'nl\n', 'receive', 'andalso', 'div', '_x', x_, aB9, '9a', 'fun',
          'true', 'a-b', '@', 'maybe', 'else'],
    io:format("~p~n~w~n", [As, As]),
    [io:format("~s|~ts~n", [A, A]) || A <- ['hello world', 'é', ok]],
    length(As).
