-module(fmt_io_lib_misc).
-export([main/0]).
%% io_lib helper functions.
main() ->
    [lists:flatten(io_lib:write_atom('a b')), lists:flatten(io_lib:write_string("q\"x")),
     io_lib:printable_list("abc"), io_lib:printable_list([1, 2]), io_lib:printable_latin1_list([233]),
     io_lib:printable_unicode_list([8364]), lists:flatten(io_lib:write_char($a)),
     lists:flatten(io_lib:format("~w", [{1, 2}])), lists:flatten(io_lib:print({x, "y"})),
     lists:flatten(io_lib:fwrite("~s", ["z"])), lists:flatten(io_lib:write(#{a => [1]}))].
