package vm

import (
	"strings"
	"testing"
)

// A list comprehension builds one cell per element: its accumulator is
// reversed in place ($reverse_fresh), not copied by lists:reverse. The
// results are the conformance suite's to check; here, nested and
// filtered comprehensions whose heads build lists of their own, and the
// code.
func TestComprehensionReversesInPlace(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    L = lists:seq(1, 5),
    {[X * 2 || X <- L, X rem 2 =:= 1],
     [[Y || Y <- L, Y =< X] || X <- L],
     [{X, Y} || X <- [a, b], Y <- [1, 2]],
     [X || X <- []],
     L}.
`)
	wantRun(t, m, `{[2,6,10],[[1],[1,2],[1,2,3],[1,2,3,4],[1,2,3,4,5]],[{a,1},{a,2},{b,1},{b,2}],[],[1,2,3,4,5]}`)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	code := dumpFunc(mod.funcs["run/0"])
	if n := strings.Count(code, "bif"); n == 0 {
		t.Fatalf("no BIF calls in run/0:\n%s", code)
	}
	for _, b := range mod.bifs {
		if b.mod == "lists" && b.name == "reverse" {
			t.Errorf("a comprehension still calls lists:reverse:\n%s", code)
		}
	}
}
