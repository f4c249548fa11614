package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// segOf agrees with walking the segments one frame at a time.
func TestSegOf(t *testing.T) {
	k, j := 0, 0
	for i := 0; i < 5*frameSegMax+frameSmallCap; i++ {
		if gk, gj := segOf(i); gk != k || gj != j {
			t.Fatalf("segOf(%d) = %d,%d, want %d,%d", i, gk, gj, k, j)
		}
		if j++; j == segCap(k) {
			k, j = k+1, 0
		}
	}
}

// Deep recursion crosses many frame segments and register chunks; an
// exception thrown at the bottom unwinds to a catch deep in the stack and
// the recursion goes on from there; a tail call into a function with more
// registers than its chunk has left moves the frame.
func TestSegmentedStack(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/1, deep/1, wide/1]).
run(N) -> down(N, N div 2).
down(0, _) -> throw(bottom);
down(N, N) -> {caught, catch down(N - 1, -1)} =:= {caught, bottom} andalso down(N - 1, -1) =:= x;
down(N, M) -> R = down(N - 1, M), R.
deep(0) -> [];
deep(N) -> [N | deep(N - 1)].
wide(0) -> ok;
wide(N) -> [_ | _] = deep(3), small(N).
small(N) -> big(N, 1, 2, 3).
big(N, A, B, C) -> X = {A, B, C, A + B, B + C, A + C, A * B, B * C}, tuple_size(X) =:= 8 andalso wide(N - 1).
`)
	if _, err := m.Call("t", "run", term.MakeInt(100000)); err == nil {
		t.Fatal("run: want the second throw to escape")
	} else if exc, ok := err.(*Exception); !ok || exc.Reason != m.atom("bottom") {
		t.Fatalf("run: %v", err)
	}
	r, err := m.Call("t", "deep", term.MakeInt(300000))
	if err != nil || term.ListLen(r) != 300000 {
		t.Fatalf("deep: %v", err)
	}
	if h := r.Cons().Head; !term.Equal(h, term.MakeInt(300000)) {
		t.Fatalf("deep: head %s", Show(h))
	}
	if r, err := m.Call("t", "wide", term.MakeInt(50000)); err != nil || r != m.atom("ok") {
		t.Fatalf("wide = %s, %v", Show(r), err)
	}
}

// Calls and returns across the first segment boundary, over and over,
// with exceptions thrown one frame past it and caught before it: the
// emptied segment that stays current must unwind and refill correctly.
func TestSegmentBoundaryPingPong(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/1]).
run(N) -> loop(N, 0).
loop(0, Acc) -> Acc;
loop(N, Acc) ->
    A = helper(N),
    B = try thrower(N) catch throw:X -> X end,
    C = case catch deeper(N) of {'EXIT', _} -> 0; V -> V end,
    loop(N - 1, Acc + A + B + C).
helper(N) -> N rem 3.
thrower(N) when N rem 2 =:= 0 -> throw(1);
thrower(_) -> 2.
deeper(N) -> helper(N) + nested(N).
nested(N) when N rem 5 =:= 0 -> error(boom);
nested(N) -> N rem 7.
`)
	r, err := m.Call("t", "run", term.MakeInt(1000))
	if err != nil {
		t.Fatal(err)
	}
	want := int64(0)
	for n := int64(1); n <= 1000; n++ {
		b := int64(2)
		if n%2 == 0 {
			b = 1
		}
		c := n%3 + n%7
		if n%5 == 0 {
			c = 0
		}
		want += n%3 + b + c
	}
	if !term.Equal(r, term.MakeInt(want)) {
		t.Errorf("run(1000) = %s, want %d", Show(r), want)
	}
}

// A deep recursion fills the stack pool; the VM going idle (waiting in
// receive for an outside message) empties it.
func TestStackPoolDroppedWhenIdle(t *testing.T) {
	m := New(NewConfig().WithOutsideEvents(true))
	if err := m.LoadModule("t.erl", []byte(`-module(t).
-export([deep/1, wait/0]).
deep(0) -> [];
deep(N) -> [N | deep(N - 1)].
wait() -> receive stop -> ok end.
`)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call("t", "deep", term.MakeInt(100000)); err != nil {
		t.Fatal(err)
	}
	m.stacks.mu.Lock()
	pooled := len(m.stacks.chunks) + len(m.stacks.segs)
	m.stacks.mu.Unlock()
	if pooled == 0 {
		t.Fatal("a 100,000-deep call left nothing in the stack pool")
	}
	if _, err := m.Spawn("t", "wait"); err != nil {
		t.Fatal(err)
	}
	// Stop after a few looks: the process has run into its receive and
	// the VM, with nothing to run, has slept (Run looks before and after
	// each slice and after each sleep).
	looks := 0
	if err := m.Run(func() bool { looks++; return looks > 5 }); err != nil {
		t.Fatal(err)
	}
	m.stacks.mu.Lock()
	pooled = len(m.stacks.chunks) + len(m.stacks.segs)
	m.stacks.mu.Unlock()
	if pooled != 0 {
		t.Errorf("%d chunks and segments still pooled after the VM went idle", pooled)
	}
}
