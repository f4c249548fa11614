package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/otpbox/otpbox/lsp"
)

// runLsp is "otpbox lsp": the language server on stdin and stdout.
func runLsp(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "lsp", "[--otp-lib DIR]",
		"Runs the Erlang language server, speaking LSP on standard input and output.\n"+
			"Logs go to standard error (level from $OTPBOX_LOG).")
	otpLib := fs.String("otp-lib", envOr(e, "OTPBOX_OTP_LIB", "/usr/lib/erlang/lib"),
		"OTP's lib `DIR`, for -include_lib of OTP headers ($OTPBOX_OTP_LIB)")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox lsp: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	lib := *otpLib
	if !dirExists(lib) {
		lib = ""
	}
	s := lsp.New(lsp.Options{Log: e.log, OTPLib: lib, Version: version})
	err := s.Serve(ctx, e.stdin, e.stdout, nopCloser{})
	switch {
	case err == nil:
		return 0
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return 1
	}
	e.log.Error("otpbox lsp", "err", err)
	return 1
}

// nopCloser leaves stdin and stdout open: the process owns them.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }
