-module(bin_comprehension).
-export([main/0]).
%% Binary comprehensions and bitstring generators.
main() ->
    [<< <<(X * 2)>> || <<X>> <= <<1, 2, 3>> >>,
     [X || <<X:4>> <= <<16#AB, 16#CD>>],
     << <<C>> || C <- "abc", C =/= $b >>,
     << <<X:3>> || X <- [1, 2, 3] >>,
     [{K, V} || <<K, V>> <= <<1, 2, 3, 4, 5>>],
     << <<B/binary, B/binary>> || <<B:1/binary>> <= <<"xy">> >>].
