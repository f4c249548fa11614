%% Records the goldens in real Erlang/OTP: runs each program through
%% conformance_runner:run/1 in a process whose group leader captures the
%% output, then writes it, UTF-8 encoded, to OutDir/NAME.golden.
%% Used only by record.sh; otpbox's VM never loads this module.
-module(conformance_record).
-export([main/1]).

main([OutDir | Names]) ->
    lists:foreach(fun(N) -> record(OutDir, N) end, Names),
    halt(0).

record(OutDir, Name) ->
    M = list_to_atom(Name),
    Cap = spawn(fun() -> capture([]) end),
    Self = self(),
    Runner = spawn(fun() ->
                           group_leader(Cap, self()),
                           conformance_runner:run(M),
                           Self ! {done, self()}
                   end),
    receive
        {done, Runner} -> ok
    after 60000 ->
            exit(Runner, kill),
            io:format(standard_error, "timeout: ~s~n", [Name]),
            halt(1)
    end,
    Cap ! {get, self()},
    Out = receive {output, O} -> O end,
    ok = file:write_file(filename:join(OutDir, Name ++ ".golden"), drop_eunit_frames(Out)).

%% EUnit's failure reports list the stack down through eunit's own modules
%% ("in call from eunit_proc:..." with OTP's line numbers); those lines say
%% nothing about the program and otpbox's eunit is written independently,
%% so they are dropped, as the runner drops frames of other modules.
drop_eunit_frames(Out) ->
    Lines = binary:split(Out, <<"\n">>, [global]),
    Kept = [L || L <- Lines, binary:longest_common_prefix([L, <<"in call from eunit_">>]) < 19],
    iolist_to_binary(lists:join(<<"\n">>, Kept)).

capture(Acc) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            {Reply, Acc1} = request(Req, Acc),
            From ! {io_reply, ReplyAs, Reply},
            capture(Acc1);
        {get, From} ->
            From ! {output, unicode:characters_to_binary(lists:reverse(Acc))}
    end.

request({put_chars, Enc, Chars}, Acc) ->
    {ok, [unicode:characters_to_list(Chars, Enc) | Acc]};
request({put_chars, Enc, M, F, A}, Acc) ->
    try apply(M, F, A) of
        Chars -> request({put_chars, Enc, Chars}, Acc)
    catch
        _:_ -> {{error, F}, Acc}
    end;
request({get_geometry, _}, Acc) ->
    {{error, enotsup}, Acc};
request(getopts, Acc) ->
    {[{binary, false}, {encoding, unicode}], Acc};
request(_, Acc) ->
    {{error, request}, Acc}.
