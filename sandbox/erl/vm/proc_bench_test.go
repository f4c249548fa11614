package vm

import (
	"runtime"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const idleSrc = `-module(idle).
-export([start/1, wait/0]).
start(N) -> [spawn(fun wait/0) || _ <- lists:seq(1, N)], ok.
wait() -> receive stop -> ok end.
`

// BenchmarkIdleProcessMemory reports the heap each waiting process
// holds (issue 4's goal: at most 1 KiB; BEAM: 2,616 bytes).
func BenchmarkIdleProcessMemory(b *testing.B) {
	const n = 20000
	for i := 0; i < b.N; i++ {
		v := New(NewConfig().WithOutsideEvents(true))
		if err := v.LoadModule("idle.erl", []byte(idleSrc)); err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := v.Call("idle", "start", term.MakeInt(n)); err != nil {
			b.Fatal(err)
		}
		// Let every process reach its receive.
		if err := v.Run(func() bool { return len(v.sched.runq) == 0 }); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		if got := v.ProcessCount(); got != n {
			b.Fatalf("%d processes alive, want %d", got, n)
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "bytes/process")
		runtime.KeepAlive(v)
	}
}
