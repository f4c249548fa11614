-module(fmt_p_break_map).
-export([main/0]).
%% Maps break with => aligned; nested maps indent.
main() ->
    M = #{alpha => lists:seq(1, 12), beta => #{nested_key_one => "value one", nested_key_two => {t, 2}},
          gamma => <<"a binary value that is rather long for one line">>, delta => [a, b, c]},
    io:format("~p~n", [M]),
    io:format("~p~n", [[M, M]]),
    ok.
