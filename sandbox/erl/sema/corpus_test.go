package sema

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema/internal/chunk"
)

// TestDiagnosticsCorpus checks every module of testdata/*.erl and
// compares the diagnostics with the inline expectations that
// internal/recordlint recorded from real erlc: each expected one must be
// produced at its line and column with its severity and message, and
// nothing else may be.
func TestDiagnosticsCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/*.erl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	n := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		chunks, err := chunk.Split(string(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, ch := range chunks {
			n++
			t.Run(ch.Module, func(t *testing.T) {
				r := CheckSource(epp.NewConfig(), file, []byte(ch.Src), Options{}, false)
				var got []string
				for _, d := range r.Diagnostics {
					msg, _, _ := strings.Cut(d.Message, "\n")
					got = append(got, chunk.Expect{Line: int(d.Pos.Line), Col: int(d.Pos.Col), Severity: d.Severity.String(), Message: msg}.String())
				}
				var want []string
				for _, e := range ch.Expects {
					want = append(want, e.String())
				}
				if missing, extra := diffMultiset(want, got); len(missing)+len(extra) > 0 {
					t.Errorf("%s:%d: module %s:\nmissing (erlc reports, we do not):\n\t%s\nunexpected (we report, erlc does not):\n\t%s",
						file, ch.Line, ch.Module, strings.Join(missing, "\n\t"), strings.Join(extra, "\n\t"))
				}
			})
		}
	}
	if n < 60 {
		t.Errorf("corpus has %d modules, want at least 60", n)
	}
}

// diffMultiset returns the elements of want not in got and of got not in
// want, counting repeats.
func diffMultiset(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		if count[g] > 0 {
			count[g]--
		} else {
			extra = append(extra, g)
		}
	}
	for k, v := range count {
		for ; v > 0; v-- {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	return missing, extra
}
