package vm

import (
	"runtime"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// retainSrc builds a list of N one-element lists in a process that then
// exits, sending every K-th element to a holder that keeps them. Only the
// kept cells must stay alive: cells allocated in blocks (a dead cell
// sharing a block with a kept one) kept the whole list alive through the
// dead cells' tails (docs/rationale.md, "vm: cons cells in blocks").
const retainSrc = `-module(retain).
-export([keep/2, hold/2]).
keep(N, K) -> spawn(fun() -> hold(N, K) end).
hold(N, K) ->
    Self = self(),
    spawn(fun() -> Self ! {kept, every(build(N, []), K, 0, [])} end),
    receive {kept, L} -> receive stop -> length(L) end end.
build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [[N] | Acc]).
every([], _, _, Acc) -> Acc;
every([E | T], K, 0, Acc) -> every(T, K, K - 1, [E | Acc]);
every([_ | T], K, I, Acc) -> every(T, K, I - 1, Acc).
`

// heapWith returns the live heap bytes, above an empty VM's, while the
// holder of retain:keep(n, k) waits.
func heapWith(t testing.TB, n, k int) int64 {
	return liveHeapAfter(t, "retain.erl", retainSrc, "keep", term.MakeInt(int64(n)), term.MakeInt(int64(k)))
}

// liveHeapAfter loads src (module file's) into a fresh VM, calls its
// function fun with args, runs until nothing is runnable, and returns the
// live heap bytes then, above the empty VM's: the one process that must
// be left waiting holds them. The VM's pool of stack chunks, which is no
// process's, is emptied first.
func liveHeapAfter(t testing.TB, file, src, fun string, args ...term.Term) int64 {
	t.Helper()
	v := New(NewConfig().WithOutsideEvents(true))
	if err := v.LoadModule(file, []byte(src)); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := v.Call(strings.TrimSuffix(file, ".erl"), fun, args...); err != nil {
		t.Fatal(err)
	}
	if err := v.Run(func() bool { return len(v.sched.runq) == 0 }); err != nil {
		t.Fatal(err)
	}
	v.stacks.drop()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if got := v.ProcessCount(); got != 1 {
		t.Fatalf("%d processes alive, want the one that waits", got)
	}
	runtime.KeepAlive(v)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// TestKeptCellsRetainOnlyThemselves checks that keeping some cells of a
// dead list keeps only those: one kept element of 200,000, and one in 8.
// A kept element is its cell and the holder's spine cell, 64 bytes; the
// bounds allow for a GC reading's slack.
func TestKeptCellsRetainOnlyThemselves(t *testing.T) {
	const n = 200000
	if got := heapWith(t, n, n); got > 64<<10 {
		t.Errorf("keeping 1 element of %d: %d bytes live, want the element, not the list", n, got)
	}
	per := float64(heapWith(t, n, 8)) / (n / 8)
	t.Logf("keeping 1 element in 8: %.0f bytes per kept element", per)
	if per > 96 {
		t.Errorf("keeping 1 element in 8: %.0f bytes per kept element, want about 64", per)
	}
}
