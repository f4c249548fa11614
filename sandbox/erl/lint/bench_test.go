package lint

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// bigModule writes a gen_server of about lines lines: handle_call clauses
// that call helpers, receive loops, child specs and list_to_atom calls, so
// that every rule has work to do.
func bigModule(lines int) []byte {
	var b strings.Builder
	b.WriteString("-module(big).\n-behaviour(gen_server).\n-export([init/1, handle_call/3, handle_cast/2, handle_info/2, loop/1]).\n\n")
	b.WriteString("init(Args) ->\n    process_flag(trap_exit, true),\n    {ok, Args}.\n\n")
	n := (lines - 30) / 8 // each request is 3 lines of handle_call and 5 of helper
	for i := 0; i <= n; i++ {
		fmt.Fprintf(&b, "handle_call({req%d, X}, _From, S) ->\n    Y = helper%d(X, S),\n    {reply, Y, S};\n", i, i)
	}
	fmt.Fprintf(&b, "handle_call(_, _From, S) ->\n    {reply, ok, S}.\n\n")
	for i := 0; i <= n; i++ {
		fmt.Fprintf(&b, "helper%d(X, S) ->\n    case X of\n        a -> gen_server:call(other, {x, S}, 1000);\n        _ -> list_to_atom(X)\n    end.\n", i)
	}
	b.WriteString("\nhandle_cast(_, S) -> {noreply, S}.\nhandle_info(_Msg, S) -> {noreply, S}.\n\n")
	b.WriteString("loop(S) ->\n    receive\n        {get, From} -> From ! S, loop(S);\n        stop -> ok\n    end.\n")
	return []byte(b.String())
}

// BenchmarkRun10kLines lints a 10,000-line gen_server (sema's check is
// done once, outside the timing: the language server has it already).
func BenchmarkRun10kLines(b *testing.B) {
	src := bigModule(10000)
	res := sema.CheckSource(epp.NewConfig(), "big.erl", src, sema.Options{}, false)
	for _, d := range res.Diagnostics {
		if d.Code == sema.CodeSyntax {
			b.Fatal(d)
		}
	}
	if len(Run(src, res)) == 0 {
		b.Fatal("no hints")
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuSince(b, 0)
	for b.Loop() {
		Run(src, res)
	}
	cpuSince(b, cpu0)
	b.ReportMetric(float64(strings.Count(string(src), "\n")), "lines")
}

// cpuSince returns the CPU time the process has used; with cpu0 non-zero
// it also reports the CPU milliseconds per operation since cpu0, steadier
// than wall time on a machine shared with other builds.
func cpuSince(b *testing.B, cpu0 time.Duration) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	now := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if cpu0 != 0 {
		b.ReportMetric(float64(now-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
	return now
}
