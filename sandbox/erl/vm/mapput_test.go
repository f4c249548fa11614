package vm

import (
	"runtime"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestMapPutCode pins down what a loop of map puts compiles to: the
// map's check and its first put are one map_put (the put BIF stays after
// it, skipped), the key and value are read from their variables' own
// registers, and the result goes straight to the tail call's argument
// (the move before subi binds N, the clause's argument). The conformance
// program map_put_fused checks results and errors against OTP 25.
func TestMapPutCode(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([build/2]).
build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).
`)
	got, err := m.Call("t", "build", term.MakeInt(40), term.EmptyMap)
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Map().Len(); n != 40 {
		t.Errorf("build(40, #{}) has %d keys, want 40", n)
	}
	mod, _ := m.module("t")
	build := mod.funcs["build/2"]
	t.Log(dumpFunc(build))
	if got, want := ops(build), "is_eq_const ret ret move subi muli map_put bif tail_call"; got != want {
		t.Errorf("build/2 is %s, want %s", got, want)
	}
}

// TestMapPutBreakpoint stops at a breakpoint on a line that starts with a
// map_put: the trap stands in for it, the instruction then runs from the
// original code, and the puts still come out right.
func TestMapPutBreakpoint(t *testing.T) {
	s := newSession(t, `-module(t).
-export([build/2]).
build(0, M) -> M;
build(N, M) ->
    V = N * 2,
    M1 = M#{N => V},
    build(N - 1, M1).
`)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 6}}); err != nil {
		t.Fatal(err)
	}
	s.call("build", term.MakeInt(2), term.EmptyMap)
	for _, want := range []string{"M=#{} N=2 V=4", "M=#{2 => 4} N=1 V=2"} {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != "build/2:6" {
			t.Errorf("stopped at %s", got)
		}
		if got := s.bindings(e.Pid, 0); got != want {
			t.Errorf("bindings %s, want %s", got, want)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "#{1 => 2,2 => 4}" {
		t.Errorf("result %s", Show(r))
	}
}

// TestMapFoldLoop runs maps:fold over a 10,000-key map with a leaf fun,
// which funLoop walks in the trie over several reduction slices
// (mapFoldLoop), through values the leaf gives up on (a float, a bignum:
// those pairs run in a frame, from a batch), from an iterator, over an
// empty and a flat map, and into an error raised from the fun in a frame
// (its frames as before), against Erlang/OTP 25's results (erl,
// 2026-11-28; the first three frames compared, without locations). The
// walk makes no batches: the fold of 10,000 pairs allocates far less
// than their 480 KB of {K, V, Next} tuples.
func TestMapFoldLoop(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0, big/1, fold/1]).
run() ->
    M = big(10000),
    Add = fun(K, V, Acc) -> K + V + Acc end,
    Mixed = M#{5000 => 0.5, 7000 => 576460752303423487},
    Bad = M#{9000 => x},
    {maps:fold(Add, 0, M), maps:fold(Add, 0, Mixed), maps:fold(Add, 1, maps:iterator(M)),
     maps:fold(Add, 0, #{}), maps:fold(fun(K, _, A) -> [K | A] end, [], #{1 => a, 2 => b}),
     err(fun() -> maps:fold(Add, 0, Bad) end)}.
big(N) -> maps:from_list([{K, K * 3} || K <- lists:seq(1, N)]).
fold(M) -> maps:fold(fun(K, V, Acc) -> K + V + Acc end, 0, M).
err(F) ->
    try F() catch error:R:S -> {R, [{Mo, Fn, args(A)} || {Mo, Fn, A, _} <- lists:sublist(S, 3)]} end.
args(A) when is_list(A) -> tl(A);
args(A) -> A.
`)
	wantRun(t, m, `{200020000,5.76460752503409e17,200020001,0,[2,1],{badarith,[{erlang,'+',[x]},{t,'-run/0-fun-0-',3},{maps,fold_1,3}]}}`)
	big, err := m.Call("t", "big", term.MakeInt(10000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call("t", "fold", big); err != nil { // loads what it uses
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r, err := m.Call("t", "fold", big)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if r != term.MakeInt(200020000) {
		t.Errorf("fold(big(10000)) = %s", Show(r))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 160<<10 {
		t.Errorf("a fold of 10,000 pairs allocated %d bytes: batches were made", n)
	}
}

// TestMapFoldBreakpoint: a breakpoint in the fun of a maps:fold over a
// trie stops at every pair (the walk leaves each to the fun's frame).
func TestMapFoldBreakpoint(t *testing.T) {
	s := newSession(t, `-module(t).
-export([run/1]).
run(M) ->
    F = fun(K, V, Acc) ->
            K + V + Acc
        end,
    maps:fold(F, 0, M).
`)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 5}}); err != nil {
		t.Fatal(err)
	}
	keys := make([]term.Term, 40)
	for i := range keys {
		keys[i] = term.MakeInt(int64(i + 1))
	}
	s.call("run", term.NewMap(keys, keys))
	for range keys {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != "-run/1-fun-0-/3:5" {
			t.Errorf("stopped at %s", got)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "1640" {
		t.Errorf("result %s", Show(r))
	}
}
