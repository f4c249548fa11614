package sema

import (
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

func check(t *testing.T, path, src string) *Result {
	t.Helper()
	return CheckSource(epp.NewConfig(), path, []byte(src), Options{}, false)
}

func diagStrings(r *Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, d.String())
	}
	return out
}

func TestIndexUpdateReplaceRemove(t *testing.T) {
	ix := NewIndex()
	a := check(t, "a.erl", "-module(a).\n-export([f/1]).\nf(X) -> g(X).\ng(X) -> X.\n")
	ix.Update("a.erl", a.Module)
	if got, ok := ix.Exports("a"); !ok || len(got) != 1 || got[0] != (FA{"f", 1}) {
		t.Fatalf("Exports(a) = %v, %v; want [f/1]", got, ok)
	}
	if fn, exp := ix.Definition("a", "g", 1); fn == nil || exp || fn.Pos.Line != 4 {
		t.Errorf("Definition(a:g/1) = %+v, exported %v; want line 4, not exported", fn, exp)
	}
	// The user renames the module in the same file: the old name goes.
	b := check(t, "a.erl", "-module(b).\n-export([h/0]).\nh() -> ok.\n")
	ix.Update("a.erl", b.Module)
	if ix.Module("a") != nil || ix.Module("b") == nil {
		t.Errorf("after rename: a=%v b=%v", ix.Module("a"), ix.Module("b"))
	}
	if got := ix.Modules(); strings.Join(got, ",") != "b" {
		t.Errorf("Modules() = %v", got)
	}
	ix.Remove("a.erl")
	if ix.Module("b") != nil || ix.File("a.erl") != nil {
		t.Error("Remove left the module behind")
	}
}

func TestIndexDuplicateModulesPreferSmallestPath(t *testing.T) {
	ix := NewIndex()
	ix.Update("z/m.erl", check(t, "z/m.erl", "-module(m).\n").Module)
	ix.Update("a/m.erl", check(t, "a/m.erl", "-module(m).\n").Module)
	if got := ix.Module("m").File; got != "a/m.erl" {
		t.Errorf("Module(m) from %s, want a/m.erl", got)
	}
	ix.Remove("a/m.erl")
	if got := ix.Module("m").File; got != "z/m.erl" {
		t.Errorf("after removing a/m.erl: from %s", got)
	}
}

// TestWorkspaceBehaviour: a behaviour defined by -callback attributes in
// the workspace is checked like OTP's (erlc's output, with my_beh compiled
// on the code path: "impl.erl:2:2: Warning: undefined callback function
// foo/1 (behaviour 'my_beh')"); its optional callbacks are not required.
func TestWorkspaceBehaviour(t *testing.T) {
	beh := check(t, "my_beh.erl", "-module(my_beh).\n-callback foo(term()) -> ok.\n-callback bar() -> ok.\n-optional_callbacks([bar/0]).\n")
	ix := NewIndex()
	ix.Update("my_beh.erl", beh.Module)
	info, ok := ix.Behaviour("my_beh")
	if !ok || len(info.Callbacks) != 2 || len(info.Optional) != 1 {
		t.Fatalf("Behaviour(my_beh) = %+v, %v", info, ok)
	}
	src := "-module(impl).\n-behaviour(my_beh).\n-export([x/0]).\nx() -> ok.\n"
	r := check(t, "impl.erl", src)
	if got := diagStrings(r); len(got) != 1 || got[0] != "impl.erl:2:2: warning: behaviour my_beh undefined" {
		t.Errorf("without the index: %q", got)
	}
	r.Recheck(ix.Behaviour)
	want := "impl.erl:2:2: warning: undefined callback function foo/1 (behaviour 'my_beh')"
	if got := diagStrings(r); len(got) != 1 || got[0] != want {
		t.Errorf("with the index: %q, want %q", got, want)
	}
}

// TestRecovery: a syntax error in one function leaves it out of the
// checks (as erlc does) while the other functions are still in the tree
// and still checked. erlc says, for this file:
//
//	rec.erl:5:13: syntax error before: '.'
//	rec.erl:6:8: variable 'Z' is unbound
//	rec.erl:6:1: Warning: function k/0 is unused
func TestRecovery(t *testing.T) {
	src := "-module(rec).\n-export([f/0, g/1]).\nf() -> ok.\ng(X) -> case X of a -> ok end.\nh(Y) -> Y + .\nk() -> Z.\n"
	r := check(t, "rec.erl", src)
	want := []string{
		"rec.erl:5:13: error: syntax error before: '.'",
		"rec.erl:6:1: warning: function k/0 is unused",
		"rec.erl:6:8: error: variable 'Z' is unbound",
	}
	if got := diagStrings(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var names []string
	for _, f := range r.File.Forms {
		if fn, ok := f.(*syntax.Function); ok {
			names = append(names, fn.Name)
		}
	}
	if strings.Join(names, ",") != "f,g,h,k" {
		t.Errorf("functions in the tree: %v, want f,g,h,k (the broken h too)", names)
	}
	if r.Module.Function("h", 1) != nil || r.Module.Function("k", 0) == nil {
		t.Errorf("symbol table: h/1 should be left out, k/0 in")
	}
}
