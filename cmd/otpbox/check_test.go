package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckReportsSortedDiagnosticsAndFails(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"src/b.erl":     "-module(b).\n-export([f/0]).\nf() -> X.\n",
		"src/a.erl":     "-module(a).\n-export([f/1]).\nf(Y) -> ok.\ng() -> ok.\n",
		"src/notes.txt": "not erlang",
	})
	st, out, stderr := runCLI(t, "check", filepath.Join(dir, "src"))
	if st != 1 {
		t.Fatalf("status %d, want 1 (an error); stderr:\n%s", st, stderr)
	}
	a, b := filepath.Join(dir, "src", "a.erl"), filepath.Join(dir, "src", "b.erl")
	want := a + ":3:3: warning: variable 'Y' is unused\n" +
		a + ":4:1: warning: function g/0 is unused\n" +
		b + ":3:8: error: variable 'X' is unbound\n"
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}

func TestCheckWarningsOnlyExitZero(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.erl": "-module(a).\n-export([f/1]).\nf(Y) -> ok.\n"})
	st, out, _ := runCLI(t, "check", filepath.Join(dir, "a.erl"))
	if st != 0 || !strings.Contains(out, "variable 'Y' is unused") {
		t.Errorf("status %d, output %q", st, out)
	}
}

func TestCheckSyntaxOnlyAndIncludes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"inc/r.hrl": "-record(r, {a}).\n",
		"m.erl":     "-module(m).\n-include(\"r.hrl\").\n-export([f/0]).\nf() -> #r{a = Unbound}.\ng() -> (.\n",
	})
	m := filepath.Join(dir, "m.erl")
	st, out, _ := runCLI(t, "check", "--syntax-only", "-I", filepath.Join(dir, "inc"), m)
	if st != 1 || out != m+":5:9: error: syntax error before: '.'\n" {
		t.Errorf("--syntax-only: status %d, output:\n%s", st, out)
	}
	st, out, _ = runCLI(t, "check", "-I", filepath.Join(dir, "inc"), m)
	if st != 1 || !strings.Contains(out, m+":4:15: error: variable 'Unbound' is unbound\n") || strings.Contains(out, "record r undefined") {
		t.Errorf("with -I: status %d, output:\n%s", st, out)
	}
	// Without -I the include fails and the record is undefined.
	_, out, _ = runCLI(t, "check", m)
	if !strings.Contains(out, "can't find include file \"r.hrl\"") && !strings.Contains(out, "record r undefined") {
		t.Errorf("without -I: output:\n%s", out)
	}
}

func TestCheckWorkspaceBehaviour(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"my_beh.erl": "-module(my_beh).\n-callback foo(term()) -> ok.\n",
		"impl.erl":   "-module(impl).\n-behaviour(my_beh).\n-export([x/0]).\nx() -> ok.\n",
	})
	st, out, _ := runCLI(t, "check", dir)
	want := filepath.Join(dir, "impl.erl") + ":2:2: warning: undefined callback function foo/1 (behaviour 'my_beh')\n"
	if st != 0 || out != want {
		t.Errorf("status %d, output:\n%s\nwant:\n%s", st, out, want)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	if st, _, stderr := runCLI(t, "check"); st != 2 || !strings.Contains(stderr, "no files or directories given") {
		t.Errorf("no paths: status %d, stderr:\n%s", st, stderr)
	}
	missing := filepath.Join(t.TempDir(), "nope.erl")
	if st, _, stderr := runCLI(t, "check", missing); st != 2 || !strings.Contains(stderr, "cannot read "+missing) {
		t.Errorf("missing path: status %d, stderr:\n%s", st, stderr)
	}
}

func TestCheckFlagsAfterPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"inc/r.hrl": "-record(r, {a}).\n",
		"m.erl":     "-module(m).\n-include(\"r.hrl\").\n-export([f/0]).\nf() -> #r{}.\n",
	})
	st, out, stderr := runCLI(t, "check", filepath.Join(dir, "m.erl"), "-I", filepath.Join(dir, "inc"))
	if st != 0 || out != "" {
		t.Errorf("status %d, output %q, stderr %q", st, out, stderr)
	}
}

// TestCheckReportsInHeaders: a problem in an included file is reported
// at the header's path and line, as erlc reports it:
//
//	h.hrl:2:8: variable 'Unbound' is unbound
//	m.erl:3:2: attribute export after function definitions
//	h.hrl:2:1: Warning: function g/0 is unused
//	m.erl:4:1: Warning: function f/0 is unused
func TestCheckReportsInHeaders(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"h.hrl": "-record(r, {a}).\ng() -> Unbound.\n",
		"m.erl": "-module(m).\n-include(\"h.hrl\").\n-export([f/0, g/0]).\nf() -> #r{}.\n",
	})
	h, m := filepath.Join(dir, "h.hrl"), filepath.Join(dir, "m.erl")
	st, out, _ := runCLI(t, "check", m)
	want := h + ":2:1: warning: function g/0 is unused\n" +
		h + ":2:8: error: variable 'Unbound' is unbound\n" +
		m + ":3:2: error: attribute export after function definitions\n" +
		m + ":4:1: warning: function f/0 is unused\n"
	if st != 1 || out != want {
		t.Errorf("status %d, output:\n%s\nwant:\n%s", st, out, want)
	}
}

// TestCheckFollowsFileAttributes: in generated code erlc reports lines of
// the grammar file named by -file; so does check ("g.yrl:11:8: variable
// 'X' is unbound" from erlc for this file).
func TestCheckFollowsFileAttributes(t *testing.T) {
	dir := writeFiles(t, map[string]string{"gen.erl": "-module(gen).\n-export([f/0]).\n-file(\"g.yrl\", 10).\nf() -> X.\n"})
	st, out, _ := runCLI(t, "check", filepath.Join(dir, "gen.erl"))
	if want := "g.yrl:11:8: error: variable 'X' is unbound\n"; st != 1 || out != want {
		t.Errorf("status %d, output %q, want %q", st, out, want)
	}
}
