package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

var update = flag.Bool("update", false, "rewrite the quick fixes' golden files")

var wantRE = regexp.MustCompile(`want (OTP\d{3}) "([^"]*)"`)

func check(t testing.TB, path string, src []byte) (*sema.Result, []Hint) {
	t.Helper()
	res := sema.CheckSource(epp.NewConfig(), path, src, sema.Options{}, false)
	for _, d := range res.Diagnostics {
		if d.Code == sema.CodeSyntax || d.Code == sema.CodePreprocess {
			t.Fatalf("%s: %v", path, d)
		}
	}
	return res, Run(src, res)
}

// TestRules checks each testdata/*.erl against the hints it announces in
// its comments, starlark-go style: `%% want OTP003 "text"` on a line says
// that a hint with that code starts on the line and that its message
// contains the text. Every hint must be wanted and every want met.
func TestRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.erl")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	codes := map[string]bool{}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			type want struct {
				line       int
				code, text string
			}
			var wants []want
			for i, l := range strings.Split(string(src), "\n") {
				for _, m := range wantRE.FindAllStringSubmatch(l, -1) {
					wants = append(wants, want{i + 1, m[1], m[2]})
				}
			}
			_, hints := check(t, file, src)
			used := make([]bool, len(hints))
			for _, w := range wants {
				found := false
				for i, h := range hints {
					if !used[i] && int(h.Pos.Line) == w.line && h.Code == w.code && strings.Contains(h.Message, w.text) {
						used[i], found = true, true
						codes[h.Code] = true
						break
					}
				}
				if !found {
					t.Errorf("%s:%d: no %s hint containing %q", file, w.line, w.code, w.text)
				}
			}
			for i, h := range hints {
				if !used[i] {
					t.Errorf("%s:%d:%d: unexpected %s: %s", file, h.Pos.Line, h.Pos.Col, h.Code, h.Message)
				}
				if h.End.Offset <= h.Pos.Offset {
					t.Errorf("%s:%d: %s has an empty range", file, h.Pos.Line, h.Code)
				}
			}
		})
	}
	for i := 1; i <= 16; i++ {
		if code := fmt.Sprintf("OTP%03d", i); !codes[code] {
			t.Errorf("no test case shows %s", code)
		}
	}
}

// TestFixes applies every hint's first quick fix to each testdata file and
// compares the result with testdata/NAME.erl.fixed (go test -update
// rewrites them). The fixed module must still parse, and the fixed hints
// must be gone.
func TestFixes(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.erl")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, hints := check(t, file, src)
		var edits []Edit
		fixed := map[hintKey]bool{}
		for _, h := range hints {
			if len(h.Fixes) > 0 {
				edits = append(edits, h.Fixes[0].Edits...)
				fixed[hintKey{h.Code, int32(h.Pos.Line)}] = true
			}
		}
		golden := file + ".fixed"
		if len(edits) == 0 {
			if _, err := os.Stat(golden); err == nil {
				t.Errorf("%s: no fixes, but %s exists", file, golden)
			}
			continue
		}
		out, err := apply(src, edits)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if *update {
			if err := os.WriteFile(golden, out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if string(want) != string(out) {
			t.Errorf("%s: fixed text differs from %s:\n%s", file, golden, out)
		}
		_, after := check(t, golden, out)
		for _, h := range after {
			// Lines move when a fix adds some; compare by code only when
			// every hint of that code was fixed.
			for k := range fixed {
				if k.code == h.Code && allFixed(hints, h.Code) {
					t.Errorf("%s:%d: %s still reported after its fix", golden, h.Pos.Line, h.Code)
					break
				}
			}
		}
	}
}

func allFixed(hints []Hint, code string) bool {
	for _, h := range hints {
		if h.Code == code && len(h.Fixes) == 0 {
			return false
		}
	}
	return true
}

// apply applies non-overlapping edits to src.
func apply(src []byte, edits []Edit) ([]byte, error) {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var out []byte
	last := int32(0)
	for _, e := range edits {
		if e.Start < last || e.End < e.Start || int(e.End) > len(src) {
			return nil, fmt.Errorf("bad or overlapping edit %+v", e)
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.Text...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}
