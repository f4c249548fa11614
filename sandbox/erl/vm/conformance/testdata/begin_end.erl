-module(begin_end).
-export([main/0]).
%% begin ... end groups expressions into one.
main() ->
    X = begin A = 1, B = 2, A + B end,
    L = [begin Y = I * I, Y + 1 end || I <- [1, 2, 3]],
    {X, L, begin ok end}.
