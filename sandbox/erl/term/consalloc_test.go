package term

import (
	"runtime"
	"testing"
)

// keptHeap allocates n cells with mk, keeps every k-th and returns the
// live heap bytes per kept cell.
func keptHeap(n, k int, mk func(h, t Term) Term) float64 {
	kept := make([]Term, 0, n/k)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	base := int64(before.HeapAlloc)
	for i := 0; i < n; i++ {
		c := mk(MakeInt(int64(i)), Nil)
		if i%k == 0 {
			kept = append(kept, c)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(int64(after.HeapAlloc)-base) / float64(len(kept))
	runtime.KeepAlive(kept)
	return per
}

// TestConsAllocRetention checks the cost of blocks: a kept cell holds at
// most its block, and the cells ConsAlloc hands out are distinct and hold
// what they were given.
func TestConsAllocRetention(t *testing.T) {
	var a ConsAlloc
	const n = 1 << 16
	plain := keptHeap(n, ConsBlockLen, MakeCons)
	blocks := keptHeap(n, ConsBlockLen, a.Make)
	t.Logf("bytes per kept cell, one kept in %d: plain %.0f, blocks %.0f", ConsBlockLen, plain, blocks)
	if limit := float64(ConsBlockLen*32) * 1.2; blocks > limit {
		t.Errorf("a kept cell retains %.0f bytes, want at most its block (%d)", blocks, ConsBlockLen*32)
	}
	l := Nil
	for i := 0; i < 3*ConsBlockLen+1; i++ {
		l = a.Make(MakeInt(int64(i)), l)
	}
	elems, ok := ListToSlice(l)
	if !ok || len(elems) != 3*ConsBlockLen+1 {
		t.Fatalf("ListToSlice = %v, %v", elems, ok)
	}
	for i, e := range elems {
		if want := int64(3*ConsBlockLen - i); e.Small() != want {
			t.Fatalf("element %d = %v, want %d", i, e, want)
		}
	}
}
