package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/otpbox/otpbox/lsp"
	"github.com/otpbox/otpbox/sandbox"
)

// runLsp is "otpbox lsp": the language server on stdin and stdout.
func runLsp(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "lsp", "[--otp-lib DIR] [--isolation wasm|native]",
		"Runs the Erlang language server, speaking LSP on standard input and output.\n"+
			"--isolation is where the workspace sandbox (run, test, hot reload, the\n"+
			"debugger's attach) runs its VM until the client's otpbox.sandbox.isolation\n"+
			"setting says otherwise.\n"+
			"Logs go to standard error (level from $OTPBOX_LOG).")
	otpLib := fs.String("otp-lib", envOr(e, "OTPBOX_OTP_LIB", "/usr/lib/erlang/lib"),
		"OTP's lib `DIR`, for -include_lib of OTP headers ($OTPBOX_OTP_LIB)")
	isolation := fs.String("isolation", envOr(e, "OTPBOX_ISOLATION", "wasm"), "where the workspace sandbox runs its VM: wasm (isolated) or native (in process, faster; trusted code) ($OTPBOX_ISOLATION)")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	iso, ok := sandbox.ParseIsolation(*isolation)
	if !ok {
		fmt.Fprintf(e.stderr, "otpbox lsp: --isolation %q: want wasm or native\n", *isolation)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox lsp: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	lib := *otpLib
	if !dirExists(lib) {
		lib = ""
	}
	s := lsp.New(lsp.Options{Log: e.log, OTPLib: lib, Version: version, Isolation: iso})
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
