%% logger: a minimal logger for otpbox. It prints events to standard_error
%% as OTP 25's default handler does with its legacy header, so that a program's
%% own output (standard_io) never mixes with reports:
%%
%%   =ERROR REPORT==== 28-Nov-2026::08:54:54.022760 ===
%%   ** Generic server foo terminating
%%   ...
%%
%% The level is fixed at notice, OTP's default: info and debug events (the
%% progress reports of supervisors, for example) are dropped. There are no
%% handlers, filters or configuration: those need a logger process, and
%% otpbox's programs are small.
-module(logger).
-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, allow/2, format_event/3]).

emergency(A) -> log(emergency, A).
emergency(A, B) -> log(emergency, A, B).
emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A).
alert(A, B) -> log(alert, A, B).
alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A).
critical(A, B) -> log(critical, A, B).
critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A).
error(A, B) -> log(error, A, B).
error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A).
warning(A, B) -> log(warning, A, B).
warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A).
notice(A, B) -> log(notice, A, B).
notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A).
info(A, B) -> log(info, A, B).
info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A).
debug(A, B) -> log(debug, A, B).
debug(A, B, C) -> log(debug, A, B, C).

%% log(Level, StringOrReport), log(Level, Format, Args) or
%% log(Level, Report, Meta), log(Level, Format, Args, Meta): the shapes of
%% OTP's logger:log/2,3,4. A report is a map or a key-value list; Meta may
%% carry report_cb (a fun turning the report into {Format, Args}) and
%% logger_formatter => #{title => T}, which replaces the header's
%% "ERROR REPORT" (supervisor and crash reports use it).
log(Level, String) when is_list(String); is_binary(String) ->
    log(Level, "~ts", [String], #{});
log(Level, Report) ->
    log(Level, Report, #{}).

log(Level, Format, Args) when is_list(Format), is_list(Args) ->
    log(Level, Format, Args, #{});
log(Level, Report, Meta) when is_map(Meta) ->
    case allow(Level, undefined) of
        true -> emit(Level, format_report(Report, Meta), Meta);
        false -> ok
    end.

log(Level, Format, Args, Meta) ->
    case allow(Level, undefined) of
        true -> emit(Level, safe_format(Format, Args), Meta);
        false -> ok
    end.

%% allow(Level, Module) tells whether an event at Level would be printed.
allow(Level, _Module) ->
    rank(Level) =< rank(notice).

rank(emergency) -> 0;
rank(alert) -> 1;
rank(critical) -> 2;
rank(error) -> 3;
rank(warning) -> 4;
rank(notice) -> 5;
rank(info) -> 6;
rank(debug) -> 7;
rank(Other) -> erlang:error({invalid_level, Other}).

%% format_event(Level, Text, Meta) is the text printed for an event whose
%% message is already formatted: the header line, the message, a blank line.
format_event(Level, Text, Meta) ->
    Title = case Meta of
                #{logger_formatter := #{title := T}} -> T;
                _ -> title(Level)
            end,
    Body = lists:flatten(Text),
    Nl = case lists:reverse(Body) of
             [$\n | _] -> "";
             _ -> "\n"
         end,
    ["=", Title, "==== ", timestamp(), " ===\n", Body, Nl, "\n"].

emit(Level, Text, Meta) ->
    io:put_chars(standard_error, format_event(Level, Text, Meta)),
    ok.

title(Level) when Level =:= warning -> "WARNING REPORT";
title(Level) when Level =:= notice; Level =:= info; Level =:= debug -> "INFO REPORT";
title(_) -> "ERROR REPORT".

format_report(Report, #{report_cb := Cb}) when is_function(Cb, 1) ->
    try Cb(Report) of
        {Format, Args} -> safe_format(Format, Args)
    catch
        _:_ -> format_report(Report, #{})
    end;
format_report(Report, _Meta) when is_map(Report) ->
    format_report(lists:sort(maps:to_list(Report)), #{});
format_report(Report, _Meta) when is_list(Report) ->
    case lists:all(fun(KV) -> is_tuple(KV) andalso tuple_size(KV) =:= 2 end, Report) of
        true -> [io_lib:format("    ~tp: ~tp~n", [K, V]) || {K, V} <- Report];
        false -> io_lib:format("~tp~n", [Report])
    end;
format_report(Report, _Meta) ->
    io_lib:format("~tp~n", [Report]).

%% A bad format string must not crash the process that logs: print what
%% was given instead, as OTP's formatter does.
safe_format(Format, Args) ->
    try io_lib:format(Format, Args)
    catch _:_ -> io_lib:format("FORMAT ERROR: ~tp - ~tp", [Format, Args])
    end.

%% The local time, as DD-Mon-YYYY::HH:MM:SS.micro; otpbox runs in UTC.
timestamp() ->
    Us = erlang:system_time(microsecond),
    Secs = Us div 1000000,
    {Y, Mo, D} = civil(Secs div 86400),
    S = Secs rem 86400,
    Months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
    io_lib:format("~2..0w-~s-~4w::~2..0w:~2..0w:~2..0w.~6..0w",
                  [D, element(Mo, Months), Y, S div 3600, S rem 3600 div 60, S rem 60, Us rem 1000000]).

%% civil(Days) is the {Year, Month, Day} of a count of days since 1970-01-01
%% (Howard Hinnant's days-to-civil algorithm).
civil(Days) ->
    Z = Days + 719468,
    Era = Z div 146097,
    Doe = Z - Era * 146097,
    Yoe = (Doe - Doe div 1460 + Doe div 36524 - Doe div 146096) div 365,
    Doy = Doe - (365 * Yoe + Yoe div 4 - Yoe div 100),
    Mp = (5 * Doy + 2) div 153,
    D = Doy - (153 * Mp + 2) div 5 + 1,
    M = if Mp < 10 -> Mp + 3; true -> Mp - 9 end,
    Y = Yoe + Era * 400 + (if M =< 2 -> 1; true -> 0 end),
    {Y, M, D}.
