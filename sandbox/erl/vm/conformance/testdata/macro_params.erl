-module(macro_params).
-export([main/0]).
%% Macros with parameters, stringification and nesting.
-define(SQ(X), ((X) * (X))).
-define(MAX(A, B), (if A > B -> A; true -> B end)).
-define(SHOW(E), {??E, E}).
-define(PAIR(A), {A, ?SQ(A)}).
main() ->
    [?SQ(3), ?SQ(1 + 1), ?MAX(3, 7), ?SHOW(1 + 2 * 3), ?PAIR(4), ?SHOW(lists:seq(1, 3))].
