-module(atom_order).
-export([main/0]).
%% Atoms compare alphabetically by their text.
main() ->
    lists:sort([zeta, alpha, 'Alpha', beta, a, aa, 'B', '', 'é', z]).
