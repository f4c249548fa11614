//go:build wasip1

// Command guest is the sandbox's guest module: otpbox's Erlang VM behind
// the host ABI of docs/sandbox-abi.md. It is built with
//
//	GOOS=wasip1 GOARCH=wasm go build -trimpath -o sandbox/guestbin/guest.wasm ./sandbox/guest
//
// (`make guest`) and embedded into the host. It talks to the host only
// through the two imports below; WASI gives it clocks, and stderr for the
// Go runtime's own fatal errors. It has no files, network, environment or
// arguments.
package main

import (
	"os"
	"time"
	"unsafe"

	"github.com/otpbox/otpbox/sandbox/internal/engine"
)

// emit hands the host one event of n bytes at ptr.
//
//go:wasmimport otpbox emit
func emit(ptr unsafe.Pointer, n uint32)

// recv waits up to timeout nanoseconds (negative: for ever) for a command
// and copies it to ptr. It returns the command's length, 0 when the time
// is up, -1 when the host stops the sandbox, or -N (N >= 2) when the
// command needs N bytes and capacity is smaller: the host keeps it for the
// next call.
//
//go:wasmimport otpbox recv
func recv(ptr unsafe.Pointer, capacity uint32, timeout int64) int32

type transport struct{ buf []byte }

func (t *transport) Recv(timeout time.Duration) ([]byte, error) {
	for {
		n := recv(unsafe.Pointer(unsafe.SliceData(t.buf)), uint32(len(t.buf)), int64(timeout))
		switch {
		case n > 0:
			return t.buf[:n], nil
		case n == 0:
			return nil, nil
		case n == -1:
			return nil, engine.ErrStop
		}
		t.buf = make([]byte, -int(n))
	}
}

// Yield lets the collector's mark worker run (gc.go); the engine paces it.
func (t *transport) Yield() { yieldToCollector() }

func (t *transport) Emit(event []byte) {
	emit(unsafe.Pointer(unsafe.SliceData(event)), uint32(len(event)))
}

func main() {
	if err := engine.RunImage(&transport{buf: make([]byte, 64<<10)}, stdlibImage()); err != nil {
		os.Exit(1)
	}
}
