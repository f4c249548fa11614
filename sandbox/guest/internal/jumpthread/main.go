// Command jumpthread rewrites the guest module gc built so that the
// forward jumps of its functions' dispatch loops branch directly instead
// of through the loop head (thread.go). `make guest` runs it between go
// build and wasm-opt:
//
//	go run ./sandbox/guest/internal/jumpthread -o OUT IN
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
)

func main() {
	out := flag.String("o", "", "output module")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: jumpthread -o OUT IN")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "jumpthread:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	mod, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	res, st, err := threadModule(mod)
	if err != nil {
		// A module this rewrite does not understand (a newer gc's output,
		// say) is the guest as gc built it: slower, not broken.
		slog.Warn("jumpthread: the guest's jumps are left as gc wrote them", "module", in, "err", err)
		res = mod
	} else {
		slog.Info("jumpthread", "funcs", st.funcs, "jumps", st.jumps, "threaded", st.threaded,
			"funcs_left", st.unchanged, "code_bytes_in", st.bytesIn, "code_bytes_out", st.bytesOut)
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, res, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}
