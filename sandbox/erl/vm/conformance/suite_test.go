package conformance

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
)

// TestSuiteShape checks the suite itself, without any VM: enough programs,
// enough of them errors, each one module with main/0 and a golden of the
// runner's protocol.
func TestSuiteShape(t *testing.T) {
	runner, progs, err := Load(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(runner), "-module("+RunnerModule+").") {
		t.Errorf("runner does not declare module %s", RunnerModule)
	}
	if len(progs) < 160 {
		t.Errorf("%d programs, want at least 160", len(progs))
	}
	errs := 0
	last := regexp.MustCompile(`(?m)^(=> .*|\*\* exception (error|exit|throw): .*)$`)
	for _, p := range progs {
		// A program named like a library module would replace it (a
		// program once called io_lib_format broke io:format in record.sh).
		if _, err := fs.Stat(stdlib.FS, p.Name+".erl"); err == nil || strings.HasPrefix(p.Name, "io_lib") || p.Name == "io" || p.Name == "erlang" {
			t.Errorf("%s.erl: named like a library module", p.Name)
		}
		src := string(p.Source)
		if !strings.HasPrefix(src, "-module("+p.Name+").\n") {
			t.Errorf("%s.erl: does not start with -module(%s).", p.Name, p.Name)
		}
		if !strings.Contains(src, "main() ->") {
			t.Errorf("%s.erl: has no main/0", p.Name)
		}
		if !last.Match(p.Golden) {
			t.Errorf("%s.golden: has neither a => line nor an ** exception line", p.Name)
		}
		if IsError(p.Golden) {
			errs++
		}
	}
	if errs < 35 {
		t.Errorf("%d programs end in an exception, want at least 35", errs)
	}
}

func TestDiff(t *testing.T) {
	if d := Diff("a\nb\n", "a\nb\n"); d != "" {
		t.Errorf("Diff of equal texts = %q, want empty", d)
	}
	d := Diff("a\nb\nc\n", "a\nx\nc\n")
	for _, want := range []string{"line 2", "   a", "-  b", "+  x"} {
		if !strings.Contains(d, want) {
			t.Errorf("Diff = %q, missing %q", d, want)
		}
	}
}
