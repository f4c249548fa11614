package main

import (
	"context"
	"fmt"

	"github.com/otpbox/otpbox/dap"
)

// runDap is "otpbox dap": the debug adapter on stdin and stdout, running
// the launched program in a VM of its own.
func runDap(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "dap", "",
		"Runs the Erlang debug adapter, speaking DAP on standard input and output.\n"+
			"The launch request's arguments: program (an .erl file, every .erl beside it is\n"+
			"loaded too, or a folder), entry (module:function, default <module>:main),\n"+
			"stopOnEntry, includeDirs, limits.maxReductions.\n"+
			"Logs go to standard error (level from $OTPBOX_LOG).")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox dap: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := dap.Serve(ctx, dap.NewConfig().WithLogger(e.log), e.stdin, e.stdout); err != nil {
		e.log.Error("otpbox dap", "err", err)
		return 1
	}
	return 0
}
