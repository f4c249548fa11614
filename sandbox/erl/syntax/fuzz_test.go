package syntax

import (
	"testing"
	"unicode/utf8"
)

// checkPos fails when p is not a position inside src (end included) or its
// line and column disagree with its offset in a way that cannot happen.
func checkPos(t *testing.T, src []byte, what string, p Pos) {
	if p.Offset < 0 || int(p.Offset) > len(src) || p.Line < 1 || p.Col < 1 {
		t.Fatalf("%s: position %+v outside input of %d bytes", what, p, len(src))
	}
}

func FuzzScan(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, mode := range []ScanMode{0, MaybeExpr | DropComments} {
			toks, tx, errs := Scan("f.erl", src, mode)
			if len(toks) == 0 || toks[len(toks)-1].Kind != EOF {
				t.Fatal("token list does not end with EOF")
			}
			prev := int32(0)
			for _, tk := range toks {
				checkPos(t, src, tk.Kind.String(), tk.Pos)
				checkPos(t, src, tk.Kind.String(), tk.End)
				if tk.Pos.Offset < prev || tk.End.Offset < tk.Pos.Offset {
					t.Fatalf("token %v out of order", tk)
				}
				if string(src[tk.Pos.Offset:tk.End.Offset]) != tx.Text(&tk) {
					t.Fatalf("token text %q is not its source", tx.Text(&tk))
				}
				prev = tk.End.Offset
			}
			for _, e := range errs {
				checkPos(t, src, "error", e.Pos)
				checkPos(t, src, "error", e.End)
			}
			if utf8.Valid(src) && len(errs) == 0 {
				// Valid input scans to tokens that cover all non-blank text.
				for _, tk := range toks {
					if tk.Kind == ILLEGAL {
						t.Fatalf("ILLEGAL token %q without an error", tx.Text(&tk))
					}
				}
			}
		}
	})
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, errs := ParseFile("f.erl", src)
		for _, e := range errs {
			checkPos(t, src, "error", e.Pos)
			checkPos(t, src, "error", e.End)
		}
		Inspect(file, func(n Node) bool {
			if n == nil {
				return false
			}
			s := n.Span()
			checkPos(t, src, "node", s.Pos)
			checkPos(t, src, "node", s.End)
			if s.End.Offset < s.Pos.Offset {
				t.Fatalf("%s ends before it starts", Dump(n))
			}
			return true
		})
		_ = Dump(file)
	})
}

// addSeeds adds in-code seeds; testdata/fuzz/Fuzz*/ holds the committed
// corpus from real Erlang code.
func addSeeds(f *testing.F) {
	for _, s := range []string{
		"", ".", "-module(m).", "f() -> ok.", "f(X) -> X#r.a#r{b = 1}.", "$", "'", "\"\\x{", "16#", "1.0e", "<<X:8/unit:8>>",
		"-spec f(X) -> X when X :: t().", "-type t() :: <<_:_*8>>.", "f() -> maybe X ?= 1 else _ -> 2 end.",
		"-feature(maybe_expr, enable).\nf() -> maybe ok end.",
	} {
		f.Add([]byte(s))
	}
}
