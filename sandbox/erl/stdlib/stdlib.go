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

// BIFs lists, as "module:function/arity", the functions whose Erlang body is
// only erlang:nif_error(undef): the VM must bind each to Go, for remote and
// for local calls. They are BIFs in BEAM too, except io_lib:format/2,3,
// which otpbox formats in Go (package sandbox/erl/format).
var BIFs = []string{
	"io_lib:format/2", "io_lib:format/3",
	"lists:keyfind/3", "lists:keymember/3", "lists:keysearch/3", "lists:member/2", "lists:reverse/2",
	"maps:find/2", "maps:from_keys/2", "maps:from_list/1", "maps:get/2", "maps:is_key/2",
	"maps:keys/1", "maps:merge/2", "maps:put/3", "maps:remove/2", "maps:take/2",
	"maps:update/3", "maps:values/1",
}
