package sema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema/internal/chunk"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// FuzzCheck feeds arbitrary text through the preprocessor, the parser and
// the checks: half-typed code is what the language server sees most, and
// no input may make the checks panic or hang. The seeds are the corpus
// modules.
func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.erl")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		chunks, err := chunk.Split(string(data))
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range chunks {
			f.Add([]byte(c.Src))
		}
	}
	cfg := epp.NewConfig().WithFileReader(func(string) ([]byte, error) { return nil, os.ErrNotExist })
	f.Fuzz(func(t *testing.T, src []byte) {
		r := CheckSource(cfg, "fuzz.erl", src, Options{}, false)
		for _, d := range r.Diagnostics {
			if d.Message == "" || d.Severity == 0 {
				t.Fatalf("malformed diagnostic %+v", d)
			}
		}
		// The cursor queries run on whatever the parser made of it, at
		// the start of every variable.
		syntax.Inspect(r.File, func(n syntax.Node) bool {
			if v, ok := n.(*syntax.Var); ok {
				VariablesAt(r.File, v.Pos)
				VariableRefs(r.File, v.Pos)
			}
			return true
		})
	})
}
