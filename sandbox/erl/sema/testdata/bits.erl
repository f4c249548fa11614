-module(bits1).
-export([f/1]).
%% Bit syntax specifier errors in patterns and expressions.
f(<<X:8/foo>>) -> X; %### 5: error: bit type foo undefined
f(<<A/binary, B/binary>>) -> {A, B}; %### 5: error: a binary field without size is only allowed at the end of a binary pattern
f(<<C:12/float>>) -> C; %### 5: warning: bad float bit size
f(<<D:8/utf8>>) -> D; %### 5: error: neither size nor unit must be given for segments of type utf8/utf16/utf32
f(<<E/integer-binary>>) -> E; %### 5: error: conflict in type specification for bit field: 'binary' and 'integer'
f(<<F/integer-unit:8>>) -> F; %### 5: error: a bit unit size must not be specified unless a size is specified too
f(H) -> <<H:8/unit:3-binary, H/bad, H:4/little-big>>. %### 30: error: bit type bad undefined %### 37: error: conflict in endianness specification for bit field: 'big' and 'little'
%---
-module(bits2).
-export([f/1]).
%% Valid specifiers.
f(<<A:4, B:4/unit:2, C:32/float-little, D/utf16, E:2/bytes, F:3/bits, Rest/bitstring>>) ->
    <<A:4, B:8, C:16/float, D/utf32-little, E/binary, F/bits, Rest/bits, 1.5:32/float, "x">>.
%---
-module(bits3).
-export([f/1]).
%% A binary without size in the middle of a pattern, and a signed/unsigned clash.
f(<<A/bytes, 0, B/bits>>) -> {A, B}; %### 5: error: a binary field without size is only allowed at the end of a binary pattern
f(<<X:8/signed-unsigned>>) -> X. %### 5: error: conflict in sign specification for bit field: 'unsigned' and 'signed'
