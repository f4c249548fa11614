package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// TestBrokenCode lints every prefix of the testdata modules (cut every few
// bytes, as an editor shows them while typing) with the parser's broken
// forms kept: no rule may panic on a half-written tree, and every hint and
// fix must lie inside the text.
func TestBrokenCode(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.erl")
	cfg := epp.NewConfig().WithKeepBrokenForms(true)
	n := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for cut := 0; cut <= len(src); cut += 13 {
			part := src[:cut]
			res := sema.CheckSource(cfg, file, part, sema.Options{}, false)
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s cut at %d: panic: %v", file, cut, r)
					}
				}()
				for _, h := range Run(part, res) {
					if h.Pos.Offset < 0 || int(h.End.Offset) > len(part) || h.End.Offset < h.Pos.Offset {
						t.Errorf("%s cut at %d: %s span %d..%d outside the text", file, cut, h.Code, h.Pos.Offset, h.End.Offset)
					}
					for _, f := range h.Fixes {
						if _, err := apply(part, append([]Edit(nil), f.Edits...)); err != nil {
							t.Errorf("%s cut at %d: %s fix: %v", file, cut, h.Code, err)
						}
					}
				}
			}()
			n++
		}
	}
	if n < 100 {
		t.Errorf("only %d prefixes checked", n)
	}
}
