-module(bin_float).
-export([main/0]).
%% Float segments, 64 and 32 bits, both endiannesses.
main() ->
    B64 = <<1.5/float>>,
    B32 = <<0.25:32/float>>,
    BL = <<-2.0:64/float-little>>,
    <<F64/float>> = B64,
    <<F32:32/float>> = B32,
    <<FL:64/float-little>> = BL,
    <<I:64/float>> = <<3:64/float>>,
    {B64, B32, BL, F64, F32, FL, I, <<100:32/float>>}.
