package sandbox

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestLinearMemory grows a guest memory within and beyond its limit, and
// frees it the way a forced close does: wazero's Free first, while the
// guest may still run on it, then the guest's end.
func TestLinearMemory(t *testing.T) {
	const limit = 1 << 20
	var hit atomic.Bool
	l := newLinearMemory(limit, &hit)
	l.allocate(64 << 10)
	b := l.Reallocate(64 << 10)
	if len(b) != 64<<10 {
		t.Fatalf("Reallocate(64 KiB) gave %d bytes", len(b))
	}
	b[100] = 42
	b = l.Reallocate(512 << 10)
	if len(b) != 512<<10 || b[100] != 42 || b[len(b)-1] != 0 {
		t.Fatalf("growing to 512 KiB: %d bytes, b[100] = %d, last byte %d; want the old contents and zeroes", len(b), b[100], b[len(b)-1])
	}
	if hit.Load() {
		t.Fatal("the limit is marked hit by a grow within it")
	}
	if got := l.Reallocate(limit + 64<<10); got != nil || !hit.Load() {
		t.Fatalf("a grow past the limit gave %d bytes, hit %v; want nil and hit", len(got), hit.Load())
	}
	// The guest still runs after wazero's Free: the memory must stay.
	l.Free()
	b[len(b)-1] = 7
	if b[len(b)-1] != 7 {
		t.Fatal("the memory changed under a running guest")
	}
	l.guestEnded()
	l.Free() // a second Free (wazero's close after a failed start) is harmless
	// The mapping is gone (on Linux; elsewhere the collector owns it).
	if got := l.Reallocate(64 << 10); runtime.GOOS == "linux" && got != nil {
		t.Errorf("an unmapped memory grew to %d bytes", len(got))
	}
}
