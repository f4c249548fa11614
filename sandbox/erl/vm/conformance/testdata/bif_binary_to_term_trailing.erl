-module(bif_binary_to_term_trailing).
-export([main/0]).

%% binary_to_term ignores bytes after the term.
main() ->
    binary_to_term(<<131, 97, 1, 0>>).
