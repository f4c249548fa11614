%% Exercise: Bob, the lackadaisical teenager.
-module(bob).
-export([response/1]).
-include_lib("eunit/include/eunit.hrl").
response(Said) ->
    S = string:trim(Said),
    Question = lists:suffix("?", S),
    Yell = string:uppercase(S) =:= S andalso string:lowercase(S) =/= S,
    if
        S =:= "" -> "Fine. Be that way!";
        Yell, Question -> "Calm down, I know what I'm doing!";
        Yell -> "Whoa, chill out!";
        Question -> "Sure.";
        true -> "Whatever."
    end.
statement_test() -> ?assertEqual("Whatever.", response("Tom-ay-to, tom-aaaah-to.")).
shout_test() -> ?assertEqual("Whoa, chill out!", response("WATCH OUT!")).
question_test() -> ?assertEqual("Sure.", response("Does this cryogenic chamber make me look fat?")).
shout_question_test() -> ?assertEqual("Calm down, I know what I'm doing!", response("WHAT'S GOING ON?")).
silence_test() -> ?assertEqual("Fine. Be that way!", response("   ")).
