-module(int_power).
-export([main/0]).
%% Repeated multiplication to large powers, and integer sizes.
main() ->
    P = pow(2, 200),
    Q = pow(3, 100),
    {P, Q, P rem 1000007, length(integer_to_list(Q)), pow(-7, 21), P div Q}.

pow(_, 0) -> 1;
pow(B, N) when N rem 2 =:= 0 -> H = pow(B, N div 2), H * H;
pow(B, N) -> B * pow(B, N - 1).
