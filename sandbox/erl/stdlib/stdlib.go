// Package stdlib is the part of Erlang's standard library that otpbox's VM
// runs as Erlang: lists, maps, proplists, string, unicode and io_lib, written for
// otpbox with the results and error reasons of Erlang/OTP 25 (not copied
// from OTP). The VM loads a module from FS the first time code calls it.
//
// Functions that BEAM implements as BIFs appear as stubs whose body is
// erlang:nif_error(undef) (lists:reverse/2, maps:get/2, ...), exactly as in
// OTP's own sources: the VM binds those names to Go, including for local
// calls inside the module. Everything else is plain Erlang that a user can
// read and step into.
package stdlib

import "embed"

// FS holds the modules, one NAME.erl per module NAME.
//
//go:embed *.erl
var FS embed.FS
