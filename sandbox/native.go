package sandbox

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/otpbox/otpbox/sandbox/internal/engine"
)

// nativeTransport runs the engine in this process. Between reduction
// slices it checks the memory limit against the bytes of heap objects
// (live, and dead ones not yet swept) above what they were when the
// sandbox started. That is an approximation of the VM's own term memory:
// it reacts at once to growth (the live-heap figure waits for the next
// collection, far too late for a 100-million-deep recursion), it may
// count up to one collection's garbage, and native sandboxes running at
// once in one process share it.
type nativeTransport struct {
	s      *Sandbox
	base   uint64
	sample []metrics.Sample
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func (t *nativeTransport) live() uint64 {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return t.sample[0].Value.Uint64()
}

func (t *nativeTransport) Recv(timeout time.Duration) ([]byte, error) {
	if timeout == 0 {
		if l := t.live(); l > t.base && l-t.base > uint64(t.s.cfg.memory) {
			t.s.memHit.Store(true)
			t.s.stop(&LimitError{Limit: "memory", Max: FormatSize(t.s.cfg.memory)})
		}
	}
	msg, stop := t.s.waitCommand(timeout)
	if stop {
		return nil, engine.ErrStop
	}
	return msg, nil
}

func (t *nativeTransport) Emit(event []byte) { t.s.onEvent(event) }

func startNative(s *Sandbox) {
	t := &nativeTransport{s: s, sample: []metrics.Sample{{Name: heapMetric}}}
	t.base = t.live()
	s.start(func() error { return engine.RunImage(t, nativeImage()) })
}

// nativeGCPercent is the GOGC of a process that runs one native sandbox,
// as the wasm guest runs (guestGCPercent): list-building programs spend
// most of their time in the collector at Go's default of 100.
const nativeGCPercent = 400

// DedicatedNativeGC sets the Go collector of this process for one native
// sandbox with the given memory limit, as the wasm guest's collector is
// set: GOGC 400, and a soft memory limit 70% of the sandbox's limit above
// what the process uses now, so that garbage, which the native memory
// check counts until it is swept, is collected before the check sees the
// limit, and a program whose live data does not fit still stops with the
// "memory" reason. The settings are process-wide: use it only in a
// process whose work is that sandbox (`otpbox run` and `otpbox test`),
// not in a language server sharing its heap with other work
// (docs/rationale.md, "sandbox: the native sandbox's collector"). When
// the environment (read through getenv) sets GOGC or GOMEMLIMIT, which
// the Go runtime has already applied, those win and nothing changes. It
// returns a function that restores the previous settings.
func DedicatedNativeGC(memory int64, getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	// What the process uses now, less the heap's free spans, which the
	// soft limit counts but new objects will reuse first.
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	var used int64
	if s[0].Value.Kind() == metrics.KindUint64 && s[1].Value.Kind() == metrics.KindUint64 && s[2].Value.Kind() == metrics.KindUint64 {
		used = int64(s[0].Value.Uint64() - s[1].Value.Uint64() - s[2].Value.Uint64())
	}
	limit := used + memory/10*7
	if memory > math.MaxInt64/2 || limit < 0 {
		limit = math.MaxInt64
	}
	oldPercent := debug.SetGCPercent(nativeGCPercent)
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
