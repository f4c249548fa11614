//go:build !linux

package sandbox

import "sync/atomic"

// linearMemory backs one guest's memory with a []byte on the host's heap
// (linmem_linux.go maps it instead) and enforces its limit: a grow beyond
// it fails (the Go runtime in the guest then dies of "out of memory") and
// is remembered, so that the sandbox ends with a memory LimitError rather
// than a crash.
type linearMemory struct {
	buf   []byte
	limit uint64
	hit   *atomic.Bool
}

func newLinearMemory(limit uint64, hit *atomic.Bool) *linearMemory {
	return &linearMemory{limit: limit, hit: hit}
}

// allocate sets the initial capacity wazero suggests.
func (l *linearMemory) allocate(capacity uint64) {
	l.buf = make([]byte, 0, min(capacity, l.limit))
}

func (l *linearMemory) Reallocate(size uint64) []byte {
	if size > l.limit {
		l.hit.Store(true)
		return nil
	}
	if size <= uint64(cap(l.buf)) {
		l.buf = l.buf[:size]
		return l.buf
	}
	// Grow geometrically, as append would, within the limit: the Go
	// runtime in the guest grows its heap a few pages at a time.
	newCap := max(size, min(2*uint64(cap(l.buf)), l.limit))
	nb := make([]byte, size, newCap)
	copy(nb, l.buf)
	l.buf = nb
	return nb
}

func (l *linearMemory) Free() { l.buf = nil }

// allocErr is nil: a heap slice cannot fail to be reserved (it is
// allocated as the guest grows).
func (l *linearMemory) allocErr() error { return nil }

// guestEnded is a no-op: the collector keeps the slice while guest code
// still refers to it.
func (l *linearMemory) guestEnded() {}
