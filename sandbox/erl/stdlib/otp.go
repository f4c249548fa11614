package stdlib

import "embed"

// OTP holds the OTP behaviours and their helpers, written in Erlang for
// otpbox: proc_lib, gen, gen_server, gen_statem, supervisor, sys, timer,
// logger, error_logger and eunit, one otp/NAME.erl per module NAME. They
// speak OTP's own message protocols ('$gen_call', system messages, the
// proc_lib start handshake) on top of the process BIFs, so a user can read
// and step through them like any other module.
//
// They are kept apart from FS, whose modules are sequential; the VM looks a
// module up in FS first, then in OTP. What they ask of the runtime, beyond
// the sequential BIFs: spawn/spawn_link/spawn_opt (with link and monitor),
// send, receive, link/unlink, exit/2, process_flag(trap_exit),
// monitor/2 and monitor/3 with {alias, demonitor} (a reply sent to the
// alias after demonitor is dropped), demonitor/2 with flush,
// register/unregister/whereis, is_process_alive, process_info
// (registered_name, dictionary; current_stacktrace if there is one),
// group_leader/0,2 and io requests through the group leader (eunit's
// capture), erlang:start_timer/3, send_after/3, cancel_timer/1,
// monotonic_time/0,1, system_time/1, convert_time_unit/3, fun_info/2,
// function_exported/3, and io:put_chars/2 on standard_error (reports).
//
//go:embed otp/*.erl
var OTP embed.FS
