package syntax

import (
	"strings"
	"testing"
)

func parseString(t *testing.T, src string) (*File, []Error) {
	t.Helper()
	return ParseFile("r.erl", []byte(src))
}

func errStrings(errs []Error) []string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return s
}

// A broken third clause keeps clauses 1 and 2 whole and the third partly;
// the functions around it are untouched.
func TestRecoveryBrokenClause(t *testing.T) {
	src := `-module(r).
a() -> ok.
f(1) -> one;
f(2) -> two;
f(N) -> g(N, [1, 2 | .
b() -> ok.
`
	f, errs := parseString(t, src)
	if got := errStrings(errs); len(got) != 1 || got[0] != "r.erl:5:22: syntax error before: '.'" {
		t.Fatalf("errors = %q", got)
	}
	if len(f.Forms) != 4 {
		t.Fatalf("got %d forms, want 4", len(f.Forms))
	}
	fn, ok := f.Forms[2].(*Function)
	if !ok || fn.Name != "f" || fn.Arity != 1 || len(fn.Clauses) != 3 {
		t.Fatalf("form 3 = %s", Dump(f.Forms[2]))
	}
	want := "(function f/1 (clause (1) () (one)) (clause (2) () (two)) (clause (N) () ((call g N (list 1 2 | (bad))))))"
	if got := Dump(fn); got != want {
		t.Errorf("partial function\n got %s\nwant %s", got, want)
	}
	if b, ok := f.Forms[3].(*Function); !ok || b.Name != "b" {
		t.Errorf("form after the error = %s", Dump(f.Forms[3]))
	}
	// The broken form still spans its whole text, dot included.
	if fn.Pos.Line != 3 || fn.End.Line != 5 || fn.End.Col != 23 {
		t.Errorf("broken function spans %v-%v", fn.Pos, fn.End)
	}
}

// A half-typed body keeps the complete expressions before the cursor, and
// the incomplete one as far as it goes.
func TestRecoveryHalfTypedBody(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"f() -> X = foo(1), Y = bar(X, ", "(function f/0 (clause () () ((= X (call foo 1)) (= Y (call bar X (bad))))))"},
		{"f(R) -> A = R#rec.", "(function f/1 (clause (R) () ((= A (record R rec)))))"},
		{"f() -> lists:", "(function f/0 (clause () () ((remote lists (bad)))))"},
		{"f() -> case X of {ok, V} -> V; ", "(function f/0 (clause () () ((case X (clause ((tuple ok V)) () (V)) (clause ((bad)) () ())))))"},
		{"f() -> #{a => 1, b => ", "(function f/0 (clause () () ((map (=> a 1) (=> b (bad))))))"},
		{"f() -> [X || X <- L, ", "(function f/0 (clause () () ((lc X (<- X L) (bad)))))"},
		{"-spec f(integer()) -> ", "(spec f/1 (sig ((call integer)) (bad)))"},
		{"-record(r, {a = 1, b ::", "(record-def r (field a = 1) (field b :: (bad)))"},
	} {
		f, errs := parseString(t, tc.src)
		if len(errs) != 1 {
			t.Errorf("%q: errors %q, want exactly one", tc.src, errStrings(errs))
		}
		if len(f.Forms) != 1 {
			t.Fatalf("%q: %d forms", tc.src, len(f.Forms))
		}
		if got := Dump(f.Forms[0]); got != tc.want {
			t.Errorf("%q\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// Every broken form is reported, one error each, and parsing goes on.
func TestRecoveryManyErrors(t *testing.T) {
	src := "a() -> (.\nb() -> ok.\nc() -> ].\nd() -> [.\ne() -> ok.\n"
	f, errs := parseString(t, src)
	want := []string{
		"r.erl:1:9: syntax error before: '.'",
		"r.erl:3:8: syntax error before: ']'",
		"r.erl:4:9: syntax error before: '.'",
	}
	if got := errStrings(errs); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
	var names []string
	for _, form := range f.Forms {
		if fn, ok := form.(*Function); ok {
			names = append(names, fn.Name)
		}
	}
	if strings.Join(names, ",") != "a,b,c,d,e" {
		t.Errorf("functions = %v", names)
	}
}

// A form that is not a form at all becomes a BadForm spanning its tokens.
func TestRecoveryBadForm(t *testing.T) {
	f, errs := parseString(t, "1 + 2.\nf() -> ok.\n")
	if len(errs) != 1 || errs[0].Msg != "syntax error before: 1" {
		t.Fatalf("errors = %q", errStrings(errs))
	}
	if _, ok := f.Forms[0].(*BadForm); !ok {
		t.Errorf("form 1 = %s", Dump(f.Forms[0]))
	}
	if f.Forms[0].Span().End.Offset != 6 {
		t.Errorf("bad form ends at %v", f.Forms[0].Span().End)
	}
}

func TestParseExpr(t *testing.T) {
	toks, tx, _ := Scan("", []byte("?X + 1"), 0)
	if _, err := ParseExpr(toks, tx); err == nil || err.Error() != "1:1: syntax error before: '?'" {
		t.Errorf("ParseExpr(?X + 1) error = %v", err)
	}
	toks, tx, _ = Scan("", []byte("1 + 2 * 3 > 4 andalso not false."), 0)
	x, err := ParseExpr(toks, tx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Dump(x), "(andalso (> (+ 1 (* 2 3)) 4) (not false))"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	toks, tx, _ = Scan("", []byte("1 2"), 0)
	if _, err := ParseExpr(toks, tx); err == nil || !strings.Contains(err.Error(), "syntax error before: 2") {
		t.Errorf("trailing tokens: %v", err)
	}
}

func TestBigIntegers(t *testing.T) {
	toks, tx, _ := Scan("", []byte("123456789012345678901234567890 + 16#7fffffffffffffff + 2#1"), 0)
	x, err := ParseExpr(toks, tx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Dump(x), "(+ (+ 123456789012345678901234567890 9223372036854775807) 1)"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if n := x.(*BinaryOp).X.(*BinaryOp).X.(*Integer); n.Big == nil {
		t.Error("big integer has no Big value")
	}
}

// A Reparser reuses its token buffer; trees from earlier calls must not
// change when it parses again.
func TestReparserKeepsOldTrees(t *testing.T) {
	var r Reparser
	a, _ := r.ParseFile("a.erl", []byte("-module(a).\nf(X) -> {X, \"str\", 'q a'}.\n"))
	before := Dump(a)
	b, _ := r.ParseFile("b.erl", []byte("-module(b).\ng() -> [1, 2, 3] ++ \"other\".\n% c\n"))
	if after := Dump(a); after != before {
		t.Errorf("first tree changed:\n%s\n%s", before, after)
	}
	fresh, _ := ParseFile("b.erl", []byte("-module(b).\ng() -> [1, 2, 3] ++ \"other\".\n% c\n"))
	if Dump(b) != Dump(fresh) || len(b.Comments) != 1 {
		t.Errorf("reused parse differs from a fresh one:\n%s\n%s", Dump(b), Dump(fresh))
	}
}
