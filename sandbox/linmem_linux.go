package sandbox

import (
	"fmt"
	"sync"
	"sync/atomic"
	"syscall"
)

// linearMemory backs one guest's memory with its own anonymous mapping,
// reserved at the memory limit and never moved: growing only lengthens
// the slice (the kernel supplies zeroed pages as the guest touches them),
// and closing the sandbox unmaps it at once. Beside a []byte on the
// host's heap this saves the copy on each growth, the zeroing of reused
// heap memory and the host collections those large allocations caused
// (docs/rationale.md, "sandbox: guest memory mapped, not allocated").
// A grow beyond the limit fails (the Go runtime in the guest then dies of
// "out of memory") and is remembered, so that the sandbox ends with a
// memory LimitError rather than a crash.
type linearMemory struct {
	limit uint64
	hit   *atomic.Bool

	mu    sync.Mutex
	buf   []byte // the whole mapping; nil once unmapped
	err   error  // why the mapping failed (then every grow fails)
	freed bool   // wazero has let go of the memory
	ended bool   // no guest code runs on it any more
}

func newLinearMemory(limit uint64, hit *atomic.Bool) *linearMemory {
	return &linearMemory{limit: limit, hit: hit}
}

// maxLinearMemory is wasm32's whole address space.
const maxLinearMemory = 4 << 30

// allocate reserves the mapping; wazero calls it once, before the first
// Reallocate. The capacity it suggests does not matter: the reservation
// costs address space only.
func (l *linearMemory) allocate(uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	size := min(l.limit, maxLinearMemory)
	size = (size + 0xffff) &^ 0xffff // whole wasm pages
	b, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS|syscall.MAP_NORESERVE)
	if err != nil {
		l.err = err
		return
	}
	l.buf = b
}

func (l *linearMemory) Reallocate(size uint64) []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	if size > l.limit {
		l.hit.Store(true)
		return nil
	}
	if l.buf == nil || size > uint64(len(l.buf)) {
		return nil
	}
	return l.buf[:size:size]
}

// Free is wazero letting go of the memory, when the module closes. A
// guest closed by force may still be running on it (see Sandbox.force),
// so the mapping goes when guestEnded says it stopped too.
func (l *linearMemory) Free() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.freed = true
	l.unmapLocked()
}

// allocErr is why the memory could not be reserved, if it could not.
func (l *linearMemory) allocErr() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return fmt.Errorf("reserving %s of guest memory: %w", FormatSize(int64(l.limit)), l.err)
	}
	return nil
}

// guestEnded is called once the guest's code has returned (or never ran).
func (l *linearMemory) guestEnded() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ended = true
	l.unmapLocked()
}

func (l *linearMemory) unmapLocked() {
	if l.freed && l.ended && l.buf != nil {
		// Munmap fails only for a range that is not a mapping; this one
		// is ours and whole.
		_ = syscall.Munmap(l.buf)
		l.buf = nil
	}
}
