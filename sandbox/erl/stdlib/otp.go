package stdlib

import "embed"

// OTP holds the OTP behaviours and their helpers, written in Erlang for
// otpbox: proc_lib, gen, gen_server, gen_statem, supervisor, sys, timer,
// logger, error_logger and eunit, one otp/NAME.erl per module NAME. They
// speak OTP's own message protocols ('$gen_call', system messages, the
// proc_lib start handshake) on top of the process BIFs, so a user can read
// and step through them like any other module.
//
// They are kept apart from FS because they need the VM's processes (send,
// receive without after, links, monitors, aliases); the VM serves them once
// it runs processes.
//
//go:embed otp/*.erl
var OTP embed.FS
