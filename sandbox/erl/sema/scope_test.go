package sema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// TestVariablesAt: the variables completion offers where the text has a
// '@' marker (removed before parsing), by erl_lint's scoping rules.
func TestVariablesAt(t *testing.T) {
	cases := []struct{ src, want string }{
		{"f(A, B) ->\n    C = A + B,\n    @C.\n", "A B C"},
		{"f(A) ->\n    @ok,\n    D = A,\n    D.\n", "A"},
		// Variables of a fun head are visible in its body only.
		{"f(A) ->\n    F = fun(X) -> @X end,\n    F.\n", "A X"},
		{"f(A) ->\n    F = fun(X) -> X end,\n    @F.\n", "A F"},
		// Bound in every case clause: visible after; in one only: not.
		{"f(A) ->\n    case A of 1 -> B = 1, C = 2; _ -> B = 2 end,\n    @B.\n", "A B"},
		// Generator variables inside the comprehension only.
		{"f(L) ->\n    [@E || E <- L].\n", "E L"},
		// Half-typed code: the function has a syntax error after the marker.
		{"f(A) ->\n    B = A,\n    @B + .\n", "A B"},
		// Another clause's variables are not visible.
		{"f(0, Z) -> Z;\nf(N, _) -> @N.\n", "N"},
	}
	for _, tc := range cases {
		i := strings.Index(tc.src, "@")
		src := "-module(m).\n" + strings.Replace(tc.src, "@", "", 1)
		off := i + len("-module(m).\n")
		f, _ := syntax.ParseFile("m.erl", []byte(src))
		line := int32(strings.Count(src[:off], "\n") + 1)
		col := int32(off - strings.LastIndex(src[:off], "\n"))
		var names []string
		for _, v := range VariablesAt(f, syntax.Pos{Offset: int32(off), Line: line, Col: col}) {
			names = append(names, v.Name)
		}
		if got := strings.Join(names, " "); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestVariableRefs: the occurrences highlighted for the variable under
// the '@' marker are those marked with '^' after them.
func TestVariableRefs(t *testing.T) {
	cases := []string{
		"f(A^) ->\n    B = @A^ + 1,\n    {A^, B}.\n",
		// A fun head variable shadows: two different X's.
		"f(X) ->\n    F = fun(X^) -> @X^ end,\n    {F, X}.\n",
		// Bound in both case clauses, used after: all three are one.
		"f(A) ->\n    case A of 1 -> B^ = 1; _ -> B^ = 2 end,\n    @B^.\n",
		// Different clauses are different variables.
		"f(0, Z^) -> @Z^;\nf(_, Z) -> Z.\n",
		// A binary size refers to the earlier segment.
		"f(<<N^:8, D:@N^/binary>>) -> D.\n",
		// Variables inside record fields: construction, update, pattern.
		"-record(r, {a, b}).\nf(#r{a = X^} = R) ->\n    {#r{b = @X^}, R#r{a = X^}}.\n",
		"-record(r, {a}).\nf(R) ->\n    #r{a = Y^} = R,\n    @Y^.\n",
	}
	for _, tc := range cases {
		// Positions are computed on the text without the markers.
		var want []int
		var b strings.Builder
		at := -1
		for i := 0; i < len(tc); i++ {
			switch tc[i] {
			case '@':
				at = b.Len()
			case '^':
				want = append(want, b.Len())
			default:
				b.WriteByte(tc[i])
			}
		}
		src := "-module(m).\n" + b.String()
		shift := len("-module(m).\n")
		f, _ := syntax.ParseFile("m.erl", []byte(src))
		off := at + shift
		line := int32(strings.Count(src[:off], "\n") + 1)
		col := int32(off - strings.LastIndex(src[:off], "\n"))
		var got []int
		for _, v := range VariableRefs(f, syntax.Pos{Offset: int32(off), Line: line, Col: col}) {
			got = append(got, int(v.End.Offset)-shift)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: references end at %v, want %v", tc, got, want)
		}
	}
}
