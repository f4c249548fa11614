package sandbox

import (
	"errors"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// TestLinearMemoryReserveFails: when the mapping cannot be made (strict
// overcommit, an address-space rlimit), every grow fails and the error
// says what could not be reserved and why.
func TestLinearMemoryReserveFails(t *testing.T) {
	var hit atomic.Bool
	l := newLinearMemory(1<<20, &hit)
	l.err = syscall.ENOMEM // what mmap returns then
	if got := l.Reallocate(64 << 10); got != nil {
		t.Fatalf("an unreserved memory grew to %d bytes", len(got))
	}
	err := l.allocErr()
	if err == nil || !errors.Is(err, syscall.ENOMEM) || !strings.Contains(err.Error(), "reserving 1MiB of guest memory") {
		t.Errorf("allocErr() = %v, want the size and ENOMEM", err)
	}
	if hit.Load() {
		t.Error("a failed reservation is reported as the memory limit")
	}
}
