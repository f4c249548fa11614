package sandbox

import (
	"context"
	"errors"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const benchSrc = `-module(sbench).
-export([idle/0]).
idle() -> ok.
`

// benchModes are the isolation modes measured: wasm as shipped, wasm
// with wazero's interruption checks, and native.
var benchModes = []struct {
	name          string
	iso           Isolation
	interruptible bool
}{{"wasm", Wasm, false}, {"wasm-interruptible", Wasm, true}, {"native", Native, false}}

var interruptibleManager = NewManager(NewManagerConfig().WithInterruptible(true))

func benchSandbox(b *testing.B, iso Isolation, interruptible bool) *Sandbox {
	m := testManager
	if interruptible {
		m = interruptibleManager
	}
	s, err := m.New(context.Background(), NewConfig().WithIsolation(iso).WithMemory(1<<30))
	if errors.Is(err, ErrGuestNotBuilt) {
		testenv.Missing(b, "%v", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	load(b, s, "sbench.erl", benchSrc)
	return s
}

// BenchmarkPrograms runs sandbox/bench/sandbox_bench.erl's cases
// through Sandbox.Call in each mode (sandbox/bench/sandbox.sh sets them
// beside real Erlang's times).
func BenchmarkPrograms(b *testing.B) {
	src, err := os.ReadFile("bench/sandbox_bench.erl")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name, fun string
		arg       int64
	}{{"Fib27", "fib", 27}, {"ListWork200k", "list_work", 200000}, {"MapWork2k", "map_work", 2000},
		{"Ring200k", "ring", 200}, {"Spawn10k", "spawn_wait", 10000}} {
		b.Run(c.name, func(b *testing.B) {
			for _, m := range benchModes {
				b.Run(m.name, func(b *testing.B) {
					// Native mode measured as otpbox run runs it (GOGC or
					// GOMEMLIMIT in the environment win, as there).
					if m.iso == Native {
						defer DedicatedNativeGC(DefaultMemory, os.Getenv)()
					}
					s := benchSandbox(b, m.iso, m.interruptible)
					load(b, s, "sandbox_bench.erl", string(src))
					// One call first, untimed, as sandbox_beam.erl makes
					// one before BEAM's: the first loads the standard
					// library modules the program calls (maps.erl is
					// compiled from source then), which with -benchtime
					// 3x was a third of MapWork2k's figure.
					if _, err := s.Call(context.Background(), "sandbox_bench", c.fun, makeInt(c.arg)); err != nil {
						b.Fatal(err)
					}
					// The best call too: sandbox_beam.erl gives BEAM's best
					// run, so sandbox.sh sets this beside it (and the mean,
					// which counts the guest's collector, beside that).
					best := time.Duration(math.MaxInt64)
					for b.Loop() {
						t0 := time.Now()
						if _, err := s.Call(context.Background(), "sandbox_bench", c.fun, makeInt(c.arg)); err != nil {
							b.Fatal(err)
						}
						best = min(best, time.Since(t0))
					}
					b.ReportMetric(float64(best.Nanoseconds()), "best-ns/call")
				})
			}
		})
	}
}

// BenchmarkColdStart is a sandbox's start, one call and Close once the
// Manager holds the compiled guest.
func BenchmarkColdStart(b *testing.B) {
	for _, iso := range []Isolation{Wasm, Native} {
		b.Run(iso.String(), func(b *testing.B) {
			benchFreshCall(b, iso, "erlang", "abs", makeInt(-1))
		})
	}
}

// BenchmarkIdleMemory keeps 200 sandboxes alive, each after one call, and
// reports the host's resident memory per sandbox.
func BenchmarkIdleMemory(b *testing.B) {
	for _, iso := range []Isolation{Wasm, Native} {
		b.Run(iso.String(), func(b *testing.B) {
			for b.Loop() {
				runtime.GC()
				debug.FreeOSMemory()
				before := procStatus(b, "VmRSS")
				var all []*Sandbox
				for i := 0; i < 200; i++ {
					s, err := testManager.New(context.Background(), NewConfig().WithIsolation(iso))
					if err != nil {
						b.Fatal(err)
					}
					load(b, s, "sbench.erl", benchSrc)
					if _, err := s.Call(context.Background(), "sbench", "idle"); err != nil {
						b.Fatal(err)
					}
					all = append(all, s)
				}
				runtime.GC()
				after := procStatus(b, "VmRSS")
				b.ReportMetric(float64(after-before)/200/(1<<20), "MiB/sandbox")
				for _, s := range all {
					s.Close()
				}
			}
		})
	}
}

// BenchmarkFirstStdlibCall is the first call of lists:seq/2 in a fresh
// sandbox: the VM loads lists.erl (embedded source) on first use, so this
// is what a short program pays for the standard library.
func BenchmarkFirstStdlibCall(b *testing.B) {
	for _, iso := range []Isolation{Wasm, Native} {
		b.Run(iso.String(), func(b *testing.B) {
			benchFreshCall(b, iso, "lists", "seq", makeInt(1), makeInt(10))
		})
	}
}

// benchFreshCall times a new sandbox, one call of mod:fun(args...) and
// Close, once the Manager holds the compiled guest.
func benchFreshCall(b *testing.B, iso Isolation, mod, fun string, args ...term.Term) {
	benchSandbox(b, iso, false) // compile (or read the cache) outside the loop
	for b.Loop() {
		s, err := testManager.New(context.Background(), NewConfig().WithIsolation(iso))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Call(context.Background(), mod, fun, args...); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
