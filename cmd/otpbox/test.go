package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const testDescription = `Compile every .erl file under the paths into a fresh sandbox and run their
EUnit tests (eunit:test/1 on every module; a module M_tests is run with M).
Prints eunit's report.

Exit status: 0 when every test passed and at least one ran; 1 when a test
failed, none ran, or a file did not compile; 2 on a usage error; 3 when a
limit stopped the sandbox or its guest crashed.`

func runTest(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "test", "[flags] PATH...", testDescription)
	var sf sandboxFlags
	sf.register(e, fs, "5m")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "otpbox test: no paths given")
		fs.Usage()
		return exitUsage
	}
	files, err := erlFiles(fs.Args())
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox test: %v\n", err)
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stderr, "otpbox test: no .erl files under the paths")
		return exitFailed
	}
	// eunit's report goes to stdout and is also read here, to tell "no
	// tests" from a pass.
	var report bytes.Buffer
	e2 := *e
	e2.stdout = io.MultiWriter(e.stdout, &report)
	cfg, err := sf.config(&e2)
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox test: %v\n", err)
		return exitUsage
	}
	defer sf.dedicatedGC(e)()
	return withSandbox(ctx, e, cfg, files, func(sb *sandbox.Sandbox, mods []string) int {
		v, err := sb.Call(ctx, "eunit", "test", term.MakeList(testModules(mods)...))
		if st := callStatus(e, err); st != exitOK {
			return st
		}
		if !v.IsAtom("ok") || strings.Contains(report.String(), "There were no tests to run") {
			return exitFailed
		}
		return exitOK
	})
}

// testModules lists the modules for eunit, leaving out M_tests when M is
// there: eunit runs M_tests with M.
func testModules(mods []string) []term.Term {
	have := map[string]bool{}
	for _, m := range mods {
		have[m] = true
	}
	sort.Strings(mods)
	var out []term.Term
	for _, m := range mods {
		if base, ok := strings.CutSuffix(m, "_tests"); ok && have[base] {
			continue
		}
		out = append(out, term.MakeAtom(m))
	}
	return out
}
