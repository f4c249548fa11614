package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// spanText returns the source text a node spans.
func spanText(src string, n Node) string {
	s := n.Span()
	return src[s.Pos.Offset:s.End.Offset]
}

// TestPositions checks the exact spans of nodes: each node's text, and
// line/column of a few.
func TestPositions(t *testing.T) {
	src := "%% Adds.\n%% Twice.\nadd(X, Y) when X > 0 ->\n    Z = lists:sum([X, Y]),\n    \"a\" \"b\",\n    R#r.f, #{k => Z}.\n"
	f, errs := ParseFile("p.erl", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fn := f.Forms[0].(*Function)
	if fn.Doc != "Adds.\nTwice." {
		t.Errorf("doc = %q", fn.Doc)
	}
	if fn.Pos != (Pos{19, 3, 1}) || fn.End != (Pos{int32(len(src) - 1), 6, 22}) {
		t.Errorf("function span %+v-%+v", fn.Pos, fn.End)
	}
	c := fn.Clauses[0]
	wants := []struct {
		n    Node
		text string
	}{
		{c, src[19 : len(src)-2]},
		{c.Patterns[1], "Y"},
		{c.Guard[0][0], "X > 0"},
		{c.Body[0], "Z = lists:sum([X, Y])"},
		{c.Body[0].(*Match).Right, "lists:sum([X, Y])"},
		{c.Body[0].(*Match).Right.(*Call).Fun, "lists:sum"},
		{c.Body[0].(*Match).Right.(*Call).Args[0], "[X, Y]"},
		{c.Body[1], `"a" "b"`},
		{c.Body[2], "R#r.f"},
		{c.Body[3], "#{k => Z}"},
		{c.Body[3].(*Map).Fields[0], "k => Z"},
	}
	for _, w := range wants {
		if got := spanText(src, w.n); got != w.text {
			t.Errorf("%s spans %q, want %q", Dump(w.n), got, w.text)
		}
	}
	if p := c.Body[1].Span().Pos; p.Line != 5 || p.Col != 5 {
		t.Errorf("string at %v, want 5:5", p)
	}
	if len(f.Comments) != 2 || f.Comments[1].Text != "%% Twice." || f.Comments[1].Pos.Line != 2 {
		t.Errorf("comments = %+v", f.Comments)
	}
}

// Every node lies within its parent, and children come in source order:
// what Path and the language server rely on.
func TestSpansNest(t *testing.T) {
	src := astSource(t)
	f, errs := ParseFile("ast.erl", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var stack []Node
	count := 0
	Inspect(f, func(n Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		count++
		s := n.Span()
		if s.End.Offset < s.Pos.Offset || int(s.End.Offset) > len(src) {
			t.Errorf("%s has bad span %v-%v", Dump(n), s.Pos, s.End)
		}
		if len(stack) > 0 {
			ps := stack[len(stack)-1].Span()
			if s.Pos.Offset < ps.Pos.Offset || s.End.Offset > ps.End.Offset {
				t.Errorf("%s (%v-%v) lies outside its parent %s (%v-%v)",
					Dump(n), s.Pos, s.End, Dump(stack[len(stack)-1]), ps.Pos, ps.End)
			}
		}
		stack = append(stack, n)
		return true
	})
	if count < 500 {
		t.Errorf("walked only %d nodes", count)
	}
}

// astSource joins the sources of testdata/ast.txt into one module.
func astSource(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, c := range strings.Split(readFile(t, "testdata/ast.txt"), "\n---\n") {
		src, _, _ := strings.Cut(c, "==>")
		if !strings.Contains(src, "maybe") {
			b.WriteString(src)
		}
	}
	return b.String()
}

func TestPath(t *testing.T) {
	src := "f(X) ->\n    case X of\n        {ok, V} -> foo:bar(V + 1)\n    end.\n"
	f, _ := ParseFile("p.erl", []byte(src))
	off := strings.Index(src, "V + 1")
	path := Path(f, Pos{Offset: int32(off)})
	var kinds []string
	for _, n := range path {
		kinds = append(kinds, fmt.Sprintf("%T", n))
	}
	want := "*syntax.Function *syntax.Clause *syntax.Case *syntax.Clause *syntax.Call *syntax.BinaryOp *syntax.Var"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("Path = %s\nwant   %s", got, want)
	}
	if v := path[len(path)-1].(*Var); v.Name != "V" {
		t.Errorf("innermost = %s", v.Name)
	}
}

func TestDocAboveSpec(t *testing.T) {
	src := "%% Frobs.\n-spec f() -> ok.\nf() -> ok.\n\n%% Not g's.\n\ng() -> ok.\n-doc \"H doc.\".\n%% ignored\nh() -> ok.\n" +
		"-x(1). %% after code: not a doc line\n%% I doc.\ni() -> ok.\n"
	f, errs := ParseFile("d.erl", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	docs := map[string]string{}
	for _, form := range f.Forms {
		if fn, ok := form.(*Function); ok {
			docs[fn.Name] = fn.Doc
		}
	}
	if docs["f"] != "Frobs." || docs["g"] != "" || docs["h"] != "H doc." || docs["i"] != "I doc." {
		t.Errorf("docs = %q", docs)
	}
}
