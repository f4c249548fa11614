-module(bin_size_var).
-export([main/0]).
%% Sizes bound earlier in the same pattern.
main() ->
    Packet = <<3, "abc", 2, "de", 0>>,
    parse(Packet, []).

parse(<<0>>, Acc) -> lists:reverse(Acc);
parse(<<Len:8, Data:Len/binary, Rest/binary>>, Acc) -> parse(Rest, [Data | Acc]).
