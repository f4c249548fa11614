package sandbox

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// nativeNearLimit runs nearLimitSrc in a native sandbox under a 48 MiB
// limit, n live cells rebuilt `rounds` times, after setting the collector with
// gc (which returns its restore function).
const rounds = 12

func nativeNearLimit(t *testing.T, gc func() func(), n int64) error {
	t.Helper()
	runtime.GC()
	defer gc()()
	s := startSandbox(t, NewConfig().WithIsolation(Native).WithMemory(48<<20).WithTimeout(60*time.Second))
	load(t, s, "near_limit.erl", nearLimitSrc)
	res, err := s.Call(context.Background(), "near_limit", "main", makeInt(n), makeInt(rounds))
	if err == nil {
		if got, ok := res.Int(); !ok || got != rounds*(n+1) {
			t.Errorf("main(%d, rounds) = %v, want %d", n, res, rounds*(n+1))
		}
	}
	return err
}

// TestDedicatedNativeGC: under DedicatedNativeGC a native program whose
// live data fits in its limit finishes, while GOGC 400 alone lets its
// garbage reach the limit (the native check counts unswept objects), and
// a program whose data does not fit still stops with the memory reason.
func TestDedicatedNativeGC(t *testing.T) {
	const n = 300000
	gogcOnly := func() func() {
		old := debug.SetGCPercent(nativeGCPercent)
		return func() { debug.SetGCPercent(old) }
	}
	var limit *LimitError
	if err := nativeNearLimit(t, gogcOnly, n); !errors.As(err, &limit) || limit.Limit != "memory" {
		t.Errorf("GOGC %d without a soft limit: main(%d, rounds) = %v, want the memory limit (else this test shows nothing)", nativeGCPercent, n, err)
	}
	noEnv := func(string) string { return "" }
	dedicated := func() func() { return DedicatedNativeGC(48<<20, noEnv) }
	if err := nativeNearLimit(t, dedicated, n); err != nil {
		t.Errorf("DedicatedNativeGC: main(%d, rounds) = %v; a program whose data fits must finish", n, err)
	}
	if err := nativeNearLimit(t, dedicated, 2000000); !errors.As(err, &limit) || limit.Limit != "memory" {
		t.Errorf("DedicatedNativeGC: main(2000000, rounds) = %v, want the memory limit (its data does not fit)", err)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC after restoring = %d, want 100", got)
	}
}
