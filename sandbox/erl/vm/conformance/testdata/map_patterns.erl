-module(map_patterns).
-export([main/0]).
%% Map patterns in function heads, case and match.
main() ->
    M = #{name => "joe", age => 42, role => admin},
    #{name := N} = M,
    R = case M of
            #{role := user} -> user;
            #{role := admin, age := A} when A > 40 -> senior_admin;
            _ -> other
        end,
    {N, R, kind(M), kind(#{}), kind(#{x => 1}), kind(not_a_map)}.

kind(#{age := A}) when is_integer(A) -> {aged, A};
kind(#{x := _}) -> has_x;
kind(#{}) -> map;
kind(_) -> other.
