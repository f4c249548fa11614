-module(undef_apply).
-export([main/0]).
%% apply/3 of an unexported or missing function is undef.
main() ->
    apply(?MODULE, missing, [1]).
