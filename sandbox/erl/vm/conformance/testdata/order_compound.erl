-module(order_compound).
-export([main/0]).
%% Tuples compare by size then elements; lists element by element; maps by size, keys, values.
main() ->
    [{1, 2} < {1, 2, 3}, {2} < {1, 1}, {1, a} < {1, b}, [1, 2] < [1, 2, 3], [2] > [1, 9],
     [] < [0], "abc" < "abd", "ab" < "abc", <<1>> < <<1, 0>>, <<2>> > <<1, 255>>,
     <<1:3>> < <<1>>, #{a => 1} < #{a => 1, b => 2}, #{b => 1} > #{a => 2},
     #{a => 2} > #{a => 1}, #{1 => a} < #{1.0 => a}, {} < [], [] < <<>>,
     lists:sort([{b, 1}, {a, 2}, {a, 1, x}, {a}])].
