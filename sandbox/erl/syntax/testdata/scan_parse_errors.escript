#!/usr/bin/env escript
%% Reads chunks separated by "\n---\n" from a file and prints, for each,
%% "N: Line:Col: Msg" for every scanner and parser error, reading forms as
%% epp does (erl_scan:tokens, then erl_parse:parse_form). Used by
%% gen_mutations.go.
main([File]) ->
    {ok, Bin} = file:read_file(File),
    Chunks = string:split(unicode:characters_to_list(Bin), "\n---\n", all),
    lists:foldl(fun(C, N) -> chunk(N, C), N + 1 end, 1, Chunks).

chunk(N, S) -> forms(N, S, {1,1}).

forms(N, S, Loc) ->
    case erl_scan:tokens([], S, Loc) of
        {done, {ok, Toks, End}, Rest} ->
            parse(N, Toks), forms(N, Rest, End);
        {done, {error, {{L,C}, M, E}, End}, Rest} ->
            io:format("~w: ~w:~w: ~ts~n", [N, L, C, M:format_error(E)]),
            forms(N, Rest, End);
        {done, {eof, _}, _} -> ok;
        {more, Cont} ->
            case erl_scan:tokens(Cont, eof, Loc) of
                {done, {ok, Toks, _}, _} -> parse(N, Toks);
                {done, {error, {{L,C}, M, E}, _}, _} ->
                    io:format("~w: ~w:~w: ~ts~n", [N, L, C, M:format_error(E)]);
                {done, {eof, _}, _} -> ok
            end
    end.

parse(_N, []) -> ok;
parse(N, Toks) ->
    case erl_parse:parse_form(Toks) of
        {ok, _} -> ok;
        {error, {{L,C}, M, E}} -> io:format("~w: ~w:~w: ~ts~n", [N, L, C, M:format_error(E)]);
        {error, {L, M, E}} -> io:format("~w: ~w:?: ~ts~n", [N, L, M:format_error(E)])
    end.
