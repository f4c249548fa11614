package sandbox

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// BenchmarkStop measures how long Close takes to end a busy sandbox
// (issue 5: the host can always stop a sandbox within 100 ms): one whose
// call loops in Erlang ("loop": the guest sees the stop at its next
// reduction slice) and one stuck in Go code that never reaches a slice
// ("stuck": the test hook '$hang', closed by force after 50 ms). A
// stuck guest is measured only in wasm-interruptible, the one mode where
// forcing ends it: elsewhere the host gives up on it 50 ms later and its
// goroutine spins until the process exits (docs/sandbox-abi.md), so
// every iteration would take a core for good. max-ms is the slowest
// stop of the run.
func BenchmarkStop(b *testing.B) {
	for _, m := range benchModes {
		for _, stuck := range []bool{false, true} {
			if stuck && !m.interruptible {
				continue
			}
			name := m.name + "/loop"
			if stuck {
				name = m.name + "/stuck"
			}
			b.Run(name, func(b *testing.B) {
				mgr := testManager
				if m.interruptible {
					mgr = interruptibleManager
				}
				var worst time.Duration
				for b.Loop() {
					b.StopTimer()
					cfg := NewConfig().WithIsolation(m.iso)
					cfg.testHooks = true
					s, err := mgr.New(context.Background(), cfg)
					if errors.Is(err, ErrGuestNotBuilt) {
						testenv.Missing(b, "%v", err)
					}
					if err != nil {
						b.Fatal(err)
					}
					if stuck {
						go s.request(context.Background(), term.MakeTuple(term.MakeAtom("$hang")), 0)
						time.Sleep(20 * time.Millisecond) // let the guest take it
					} else {
						load(b, s, "hello.erl", helloSrc)
						go s.Call(context.Background(), "hello", "loop")
						findProcess(b, s, "hello:loop/0")
					}
					b.StartTimer()
					start := time.Now()
					s.Close()
					worst = max(worst, time.Since(start))
				}
				b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
			})
		}
	}
}
