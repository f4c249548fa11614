%% Calls lists functions in otpbox's lists.erl (loaded as xlists) and in
%% OTP's own, and prints every call whose result or exception differs.
-module(compare_otp1).
-export([main/0]).
r(M, F, A) -> try {ok, apply(M, F, A)} catch C:R -> {C, R} end.
main() ->
    L = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
    T = [{b, 2}, {a, 3}, {c, 1}, {a, 1}, {b, 2}],
    F1 = fun(X) -> X * 2 end, P = fun(X) -> X > 3 end, F2 = fun(X, A) -> [X | A] end,
    Calls = [{append, [[1], [2]]}, {append, [[[1], [2, 3], []]]}, {append, [[]]}, {subtract, [L, [1, 5]]},
             {reverse, [L]}, {reverse, [[]]}, {nth, [3, L]}, {nth, [0, L]}, {nth, [20, L]}, {nthtail, [3, L]}, {nthtail, [0, L]}, {nthtail, [20, L]},
             {prefix, [[3, 1], L]}, {prefix, [[], L]}, {suffix, [[3, 5], L]}, {suffix, [L ++ L, L]}, {droplast, [L]}, {droplast, [[]]},
             {last, [L]}, {last, [[]]}, {seq, [1, 10]}, {seq, [1, 0]}, {seq, [1, -1]}, {seq, [1, 10, 3]}, {seq, [10, 1, -3]}, {seq, [1, 1, 0]}, {seq, [1, 2, 0]}, {seq, [5, 1, 1]}, {seq, [a, 1, 1]}, {seq, [1, 10, 20]}, {seq, [1, 0, 1]},
             {sum, [L]}, {sum, [[]]}, {duplicate, [3, x]}, {duplicate, [0, x]}, {duplicate, [-1, x]}, {min, [L]}, {max, [L]}, {min, [[]]}, {max, [[1, 1.0]]}, {min, [[1.0, 1]]},
             {sublist, [L, 3]}, {sublist, [L, 30]}, {sublist, [L, 2, 3]}, {sublist, [L, 11, 3]}, {sublist, [L, 12, 3]}, {sublist, [L, 13, 3]}, {sublist, [L, 0, 3]}, {sublist, [[], 1, 0]},
             {delete, [5, L]}, {delete, [7, L]}, {unzip, [[{1, a}, {2, b}]]}, {unzip3, [[{1, a, x}]]}, {zip, [[1, 2], [a, b]]}, {zip, [[1], []]},
             {zip3, [[1], [2], [3]]}, {zipwith, [fun(X, Y) -> X + Y end, [1, 2], [3, 4]]}, {zipwith3, [fun(X, Y, Z) -> X + Y + Z end, [1], [2], [3]]},
             {sort, [L]}, {sort, [[]]}, {sort, [T]}, {sort, [fun(A, B) -> A >= B end, L]}, {sort, [fun(A, B) -> element(1, A) =< element(1, B) end, T]},
             {merge, [[[1, 4], [2, 3], [0, 9]]]}, {merge, [[1, 3], [2, 4]]}, {merge, [fun(A, B) -> A >= B end, [5, 3], [4, 1]]}, {merge3, [[1], [2], [0]]},
             {usort, [L]}, {usort, [[1, 1.0, 1]]}, {usort, [fun(A, B) -> A >= B end, L]}, {usort, [fun(A, B) -> element(1, A) =< element(1, B) end, T]},
             {umerge, [[[1, 2], [2, 3], [1]]]}, {umerge, [[1, 2, 4], [2, 3, 4]]}, {umerge, [fun(A, B) -> A =< B end, [1, 2], [2, 3]]}, {umerge3, [[1, 2], [2], [3]]},
             {concat, [[a, "b", 1, 2.5, 'c d']]}, {flatten, [[1, [2, [3, []]], [[4]]]]}, {flatten, [[a], [b]]}, {flatlength, [[1, [2, [3]], []]]},
             {keydelete, [a, 1, T]}, {keyreplace, [a, 1, T, {z}]}, {keytake, [c, 1, T]}, {keystore, [q, 1, T, {q, 0}]}, {keysort, [2, T]}, {keysort, [1, T]},
             {keymerge, [1, [{a, 1}, {c, 1}], [{a, 2}, {b, 2}]]}, {ukeysort, [1, T]}, {ukeysort, [2, T]}, {ukeymerge, [1, [{a, 1}, {c, 1}], [{a, 2}, {b, 2}]]},
             {keymap, [F1, 2, [{a, 1}]]}, {all, [P, L]}, {any, [P, L]}, {all, [P, []]}, {map, [F1, L]}, {map, [F1, []]}, {flatmap, [fun(X) -> [X, X] end, [1, 2]]},
             {foldl, [F2, [], L]}, {foldr, [F2, [], L]}, {filter, [P, L]}, {partition, [P, L]}, {zf, [P, L]}, {filtermap, [fun(X) when X > 4 -> {true, X * 10}; (X) -> X =:= 1 end, L]},
             {mapfoldl, [fun(X, A) -> {X * 2, A + X} end, 0, L]}, {mapfoldr, [fun(X, A) -> {A, A + X} end, 0, L]}, {takewhile, [fun(X) -> X < 4 end, L]},
             {dropwhile, [fun(X) -> X < 4 end, L]}, {search, [P, L]}, {splitwith, [P, L]}, {split, [3, L]}, {split, [20, L]}, {split, [-1, L]}, {join, [x, [1, 2, 3]]},
             {join, [x, []]}, {enumerate, [L]}, {enumerate, [0, L]}, {uniq, [L]}, {uniq, [fun(X) -> X rem 3 end, L]}, {uniq, [[1, 1.0]]},
             {sort, [[3, 2.0, 1, 2, 1.0]]}, {usort, [[3, 2.0, 1, 2, 1.0]]}, {max, [[]]}, {sum, [[1, a]]}, {foldl, [x, 0, [1]]}, {map, [F1, x]}, {last, [x]},
             {keysort, [0, T]}, {keydelete, [a, 0, T]}, {merge, [[2, 1], [3]]}, {umerge, [[[1, 1], [1]]]}],
    Bad = [{F, A, Ours, Theirs} || {F, A} <- Calls, (Ours = r(xlists, F, A)) =/= (Theirs = r(lists, F, A))],
    [io:format("~p~n", [B]) || B <- Bad],
    io:format("~p calls, ~p differ~n", [length(Calls), length(Bad)]),
    random_sorts().

%% 5,000 random lists: sort/2, keysort, usort/2 and ukeysort must equal
%% OTP's; sort/1 must be stable (OTP's is not, for 1 and 1.0).
random_sorts() ->
    rand:seed(exsss, {4, 5, 6}),
    F = fun({A, _}, {B, _}) -> A =< B end,
    Stable = fun(L) -> [X || {X, _} <- lists:sort(lists:zip(L, lists:seq(1, length(L))))] end,
    Bad = [L || _ <- lists:seq(1, 5000),
                L <- [[{rand:uniform(5), I} || I <- lists:seq(1, rand:uniform(80))]],
                xlists:sort(F, L) =/= lists:sort(F, L) orelse xlists:keysort(1, L) =/= lists:keysort(1, L)
                    orelse xlists:usort(F, L) =/= lists:usort(F, L) orelse xlists:ukeysort(1, L) =/= lists:ukeysort(1, L)],
    Unstable = [L || _ <- lists:seq(1, 5000),
                     L <- [[case rand:uniform(3) of 1 -> rand:uniform(9); 2 -> float(rand:uniform(9)); 3 -> {rand:uniform(3)} end
                            || _ <- lists:seq(1, rand:uniform(80))]],
                     xlists:sort(L) =/= Stable(L)],
    io:format("random sorts: ~p differ from OTP, sort/1 unstable on ~p of 5000~n", [length(Bad), length(Unstable)]).
