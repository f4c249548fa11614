%% Doubles a binary until memory runs out.
-module(doubling_binary).
-export([main/0]).
main() -> double(<<"x">>).
double(B) -> double(<<B/binary, B/binary>>).
