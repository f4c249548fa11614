package conformance

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// RunnerModule is the module that runs every program; both real Erlang and
// otpbox's VM call RunnerModule:run(Name).
const RunnerModule = "conformance_runner"

// Program is one conformance program and the output recorded for it.
type Program struct {
	Name   string // module name, also the file's base name
	Source []byte // NAME.erl
	Golden []byte // NAME.golden, as recorded from real Erlang/OTP 25
}

// Load reads every program and its golden from fsys (the testdata
// directory). A program without a golden is an error: a golden is recorded by
// record.sh, never written by hand.
func Load(fsys fs.FS) (runner []byte, progs []Program, err error) {
	runner, err = fs.ReadFile(fsys, RunnerModule+".erl")
	if err != nil {
		return nil, nil, fmt.Errorf("conformance: reading the runner: %w", err)
	}
	names, err := fs.Glob(fsys, "*.erl")
	if err != nil {
		return nil, nil, fmt.Errorf("conformance: listing programs: %w", err)
	}
	sort.Strings(names)
	for _, file := range names {
		name := strings.TrimSuffix(file, ".erl")
		if name == RunnerModule {
			continue
		}
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, nil, fmt.Errorf("conformance: %w", err)
		}
		golden, err := fs.ReadFile(fsys, name+".golden")
		if err != nil {
			return nil, nil, fmt.Errorf("conformance: %s has no golden (run record.sh): %w", file, err)
		}
		progs = append(progs, Program{Name: name, Source: src, Golden: golden})
	}
	return runner, progs, nil
}

// IsError reports whether a golden records an uncaught exception rather than
// a return value.
func IsError(golden []byte) bool {
	return strings.Contains(string(golden), "\n** exception ") || strings.HasPrefix(string(golden), "** exception ")
}

// Diff describes how got differs from want, line by line, for a test
// failure message: the first differing line is marked, with a little
// context before it and everything after it from both sides.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w := strings.Split(want, "\n")
	g := strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d\n", i+1)
	for j := max(0, i-3); j < i; j++ {
		fmt.Fprintf(&b, "   %s\n", w[j])
	}
	for j := i; j < len(w); j++ {
		fmt.Fprintf(&b, "-  %s\n", w[j])
	}
	for j := i; j < len(g); j++ {
		fmt.Fprintf(&b, "+  %s\n", g[j])
	}
	return b.String()
}
