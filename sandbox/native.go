package sandbox

import (
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
