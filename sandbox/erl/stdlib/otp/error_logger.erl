%% error_logger: the old logging API, kept because programs and books still
%% use it. Everything goes to logger (see logger.erl), so it prints to
%% standard_error with OTP 25's wording.
-module(error_logger).
-export([error_msg/1, error_msg/2, error_report/1, error_report/2,
         warning_msg/1, warning_msg/2, warning_report/1, warning_report/2,
         info_msg/1, info_msg/2, info_report/1, info_report/2, format/2]).

error_msg(Format) -> error_msg(Format, []).
error_msg(Format, Args) -> logger:log(error, Format, Args).

format(Format, Args) -> error_msg(Format, Args).

error_report(Report) -> logger:log(error, Report, #{}).
error_report(_Type, Report) -> error_report(Report).

warning_msg(Format) -> warning_msg(Format, []).
warning_msg(Format, Args) -> logger:log(warning, Format, Args).

warning_report(Report) -> logger:log(warning, Report, #{}).
warning_report(_Type, Report) -> warning_report(Report).

info_msg(Format) -> info_msg(Format, []).
info_msg(Format, Args) -> logger:log(info, Format, Args).

info_report(Report) -> logger:log(info, Report, #{}).
info_report(_Type, Report) -> info_report(Report).
