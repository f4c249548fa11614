-module(bin_utf8_badmatch).
-export([main/0]).
%% An invalid UTF-8 sequence does not match a utf8 segment.
main() ->
    Bin = <<16#C3, 16#28>>,
    <<C/utf8, _/binary>> = Bin,
    C.
