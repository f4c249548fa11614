-module(fun_closure).
-export([main/0]).
%% Closures capture the variables in scope when they are created.
main() ->
    N = 10,
    Add = fun(X) -> X + N end,
    Counter = make_counter(5),
    Adders = [fun(X) -> X + I end || I <- [1, 2, 3]],
    {Add(1), Counter(1), Counter(2), [F(100) || F <- Adders]}.

make_counter(Start) -> fun(Step) -> Start + Step end.
