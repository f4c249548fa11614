-module(bin_construct).
-export([main/0]).
%% Binary construction with integer segments of several sizes and endianness.
main() ->
    [<<1, 2, 3>>, <<"abc">>, <<1:16>>, <<1:16/little>>, <<-1:8/signed>>, <<-2:16/signed-little>>,
     <<256:8>>, <<16#12345678:32/big>>, <<16#12345678:32/little>>, <<1:1, 0:7>>,
     <<"ab", 0, "cd">>, <<>>, <<(1 bsl 70):80>>, <<-1:72>>, <<$a, "bc"/utf8>>, <<7:3, 1:5>>].
