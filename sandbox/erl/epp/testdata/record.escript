#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Records what real epp does with each test case, as the golden files that
%% the Go tests compare against (CI has no Erlang).
%%
%% Usage: escript record.escript CASE.txtar...
%%        escript record.escript corpus > otp_corpus.golden
%%        escript record.escript dump FILE   (epp's rendering of one corpus file)
%%
%% Every NAME.txtar holds a small file tree ("-- path --" headers).
%% Each top-level .erl file in it is preprocessed with epp:scan_file, with
%% the tree's inc/ directory as include path and its lib/ directory as
%% ERL_LIBS would give it, and the result goes to NAME.golden:
%% the expanded tokens, one source line per output line, then epp's errors
%% and warnings. Forms that epp drops because of an error do not appear.
-mode(compile).

main([]) ->
    io:format(standard_error, "usage: record.escript CASE.txtar... | corpus | dump FILE~n", []),
    halt(2);
main(["dump", File]) ->
    io:put_chars(render_corpus_file(File));
main(["corpus"]) ->
    corpus();
main(Cases) ->
    lists:foreach(fun record/1, Cases).

record(Txtar) ->
    Tmp = os:getenv("EPP_CASE_TMP"),
    Dir = filename:join(Tmp, filename:basename(Txtar, ".txtar")),
    os:cmd("rm -rf '" ++ Dir ++ "'"),
    {ok, Bin} = file:read_file(Txtar),
    Files = untxtar(Bin),
    [begin
         P = filename:join(Dir, Name),
         ok = filelib:ensure_dir(P),
         ok = file:write_file(P, Data)
     end || {Name, Data} <- Files],
    %% What ERL_LIBS would do at boot: put each lib/APP[-VSN]/ebin in the
    %% code path (the highest version first), for code:lib_dir/1.
    Ebins = filelib:wildcard(filename:join([Dir, "lib", "*", "ebin"])),
    [code:add_patha(E) || E <- Ebins],
    Mains = lists:sort([N || {N, _} <- Files, filename:dirname(N) =:= ".",
                             filename:extension(N) =:= ".erl"]),
    {ok, Cwd} = file:get_cwd(),
    ok = file:set_cwd(Dir),
    Out = [one(M) || M <- Mains],
    ok = file:set_cwd(Cwd),
    [code:del_path(E) || E <- Ebins],
    Golden = filename:rootname(Txtar) ++ ".golden",
    ok = file:write_file(Golden, unicode:characters_to_binary(Out)).

untxtar(Bin) ->
    Lines = string:split(unicode:characters_to_list(Bin), "\n", all),
    untxtar(Lines, none, [], []).

untxtar([], Cur, Acc, Files) ->
    lists:reverse(add_file(Cur, Acc, Files));
untxtar([L | Ls], Cur, Acc, Files) ->
    case re:run(L, "^-- (.+) --$", [{capture, all_but_first, list}, unicode]) of
        {match, [Name]} -> untxtar(Ls, Name, [], add_file(Cur, Acc, Files));
        nomatch -> untxtar(Ls, Cur, [L | Acc], Files)
    end.

add_file(none, _, Files) -> Files;
add_file(Name, Acc, Files) ->
    Body = lists:join("\n", lists:reverse(Acc)),
    [{Name, unicode:characters_to_binary(Body)} | Files].

one(Main) ->
    ["== ", Main, "\n", render_file(Main, ["inc"])].

%% epp's output for File: tokens line by line, then errors and warnings.
render_file(File, Includes) ->
    {ok, Epp} = epp:open([{name, File}, {includes, Includes}, {location, {1, 1}}]),
    Forms = scan_all(Epp),
    epp:close(Epp),
    {Toks, Msgs} = render(Forms, File, [], []),
    [Toks, Msgs].

%% The corpus: for TestOTPCorpusMatchesEpp, one line per .erl file of OTP's
%% stdlib and kernel sources with the SHA-256 of the source and of epp's
%% rendered output.
corpus() ->
    Lib = code:lib_dir(),
    Files = lists:sort(filelib:wildcard(filename:join(Lib, "{stdlib,kernel}-*/src/*.erl"))),
    io:format("# OTP ~s, ~w files: path, sha256(source), sha256(epp output)~n",
              [erlang:system_info(otp_release), length(Files)]),
    [begin
         {ok, Src} = file:read_file(F),
         io:format("~s ~s ~s~n", [string:prefix(F, Lib ++ "/"), hex(Src), hex(render_corpus_file(F))])
     end || F <- Files],
    ok.

hex(Data) ->
    <<N:256>> = crypto:hash(sha256, unicode:characters_to_binary(Data)),
    io_lib:format("~64.16.0b", [N]).

%% The include path OTP's own build uses: the application's include
%% directory and kernel's (stdlib's Makefile adds ../../kernel/include).
render_corpus_file(File) ->
    App = filename:dirname(filename:dirname(File)),
    Out = render_file(File, [filename:join(App, "include"), code:lib_dir(kernel, include)]),
    unicode:characters_to_binary(Out).

%% Like epp:scan_file/2, which does not expect -warning's replies.
scan_all(Epp) ->
    case epp:scan_erl_form(Epp) of
        {ok, Toks} -> [Toks | scan_all(Epp)];
        {eof, _} = Eof -> [Eof];
        Other -> [Other | scan_all(Epp)]
    end.

render([], _File, T, M) ->
    {lists:reverse(T), lists:reverse(M)};
render([{eof, _} | Fs], File, T, M) ->
    render(Fs, File, T, M);
render([{error, {Loc, Mod, Desc}} | Fs], File, T, M) ->
    render(Fs, File, T, [msg("error", File, Loc, Mod:format_error(Desc)) | M]);
render([{warning, {Loc, Mod, Desc}} | Fs], File, T, M) ->
    render(Fs, File, T, [msg("warning", File, Loc, Mod:format_error(Desc)) | M]);
render([[{'-', _}, {atom, _, file}, {'(', _}, {string, _, Name} | _] | Fs], _File, T, M) ->
    render(Fs, Name, T, M);
render([Toks | Fs], File, T, M) ->
    render(Fs, File, [lines(Toks) | T], M).

msg(Kind, File, {L, C}, Text) ->
    io_lib:format("~s ~ts:~w:~w: ~ts~n", [Kind, File, L, C, Text]);
msg(Kind, File, L, Text) ->
    io_lib:format("~s ~ts:~w: ~ts~n", [Kind, File, L, Text]).

%% One output line per source line: "LINE: tok tok ...".
lines(Toks) ->
    Groups = group(Toks, none, [], []),
    [[integer_to_list(L), ":", [[" ", S] || S <- Ss], "\n"] || {L, Ss} <- Groups].

group([], none, _, G) -> lists:reverse(G);
group([], L, Cur, G) -> lists:reverse([{L, lists:reverse(Cur)} | G]);
group([T | Ts], L, Cur, G) ->
    TL = erl_scan:line(T),
    S = src(T),
    case TL of
        L -> group(Ts, L, [S | Cur], G);
        _ when L =:= none -> group(Ts, TL, [S], G);
        _ -> group(Ts, TL, [S], [{L, lists:reverse(Cur)} | G])
    end.

src({dot, _}) -> ".";
src({atom, _, A}) -> io_lib:write_atom(A);
src({var, _, V}) -> atom_to_list(V);
src({integer, _, I}) -> integer_to_list(I);
src({float, _, F}) -> io_lib:format("~w", [F]);
src({char, _, C}) -> io_lib:write_char(C);
src({string, _, S}) -> io_lib:write_string(S);
src({Sym, _}) -> atom_to_list(Sym).
