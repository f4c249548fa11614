package sema

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
)

// genModule writes a module of about lines lines in everyday style: a
// record, exported functions with case, receive-free bodies, guards,
// comprehensions, maps, funs and local calls.
func genModule(lines int) []byte {
	var b strings.Builder
	b.WriteString("-module(big).\n-export([start/0]).\n-record(state, {count = 0 :: integer(), name = <<>> :: binary(), items = [] :: list()}).\n\n")
	b.WriteString("start() -> f0(#state{}, [1, 2, 3]).\n\n")
	n := 0
	for i, written := 0, 6; written < lines; i, written = i+1, written+11 {
		next := fmt.Sprintf("f%d", i+1)
		fmt.Fprintf(&b, `%%%% f%d updates the state from a list.
f%d(#state{count = C, items = Items} = S, L) when is_list(L), C >= 0 ->
    Doubled = [X * 2 || X <- L, is_integer(X)],
    M = #{count => C, size => length(Doubled)},
    case maps:get(size, M) of
        0 -> S;
        N when N > 10 -> %s(S#state{count = C + N}, tl(L));
        N -> lists:foldl(fun(E, Acc) -> Acc#state{items = [E | Items]} end, S#state{count = N}, Doubled)
    end.

`, i, i, next)
		n = i + 1
	}
	fmt.Fprintf(&b, "f%d(S, _) -> S.\n", n)
	return []byte(b.String())
}

func TestGeneratedModuleIsClean(t *testing.T) {
	src := genModule(10000)
	r := CheckSource(epp.NewConfig(), "big.erl", src, Options{}, false)
	if len(r.Diagnostics) > 0 {
		t.Fatalf("generated module has diagnostics: %v", r.Diagnostics[:min(5, len(r.Diagnostics))])
	}
	if len(r.Module.Functions) < 900 {
		t.Fatalf("only %d functions", len(r.Module.Functions))
	}
}

// BenchmarkRecheck10kLines re-preprocesses, re-parses and re-checks one
// 10,000-line module, as the language server does after an edit. Goal:
// under 20 ms.
func BenchmarkRecheck10kLines(b *testing.B) {
	src := genModule(10000)
	cfg := epp.NewConfig()
	b.SetBytes(int64(len(src)))
	cpu0 := cpuSince(b, 0)
	for b.Loop() {
		CheckSource(cfg, "big.erl", src, Options{}, false)
	}
	cpuSince(b, cpu0)
}

// BenchmarkSema10kLines is the semantic checks alone on the same module.
func BenchmarkSema10kLines(b *testing.B) {
	src := genModule(10000)
	f, _ := epp.ParseFile(epp.NewConfig(), "big.erl", src)
	cpu0 := cpuSince(b, 0)
	for b.Loop() {
		Check(f, Options{})
	}
	cpuSince(b, cpu0)
}

// BenchmarkParse10kLines is the preprocessing and parsing part alone, so
// that the figures show where the time goes.
func BenchmarkParse10kLines(b *testing.B) {
	src := genModule(10000)
	cfg := epp.NewConfig()
	cpu0 := cpuSince(b, 0)
	for b.Loop() {
		epp.ParseFile(cfg, "big.erl", src)
	}
	cpuSince(b, cpu0)
}

// BenchmarkRecheckEdit10kLines is the language server's case: the user
// edits one function of the 10,000-line module (two versions alternate)
// and the file is preprocessed, parsed and checked again with the
// document's Cache, so that only the edited function is re-checked.
func BenchmarkRecheckEdit10kLines(b *testing.B) {
	src := genModule(10000)
	edited := []byte(strings.Replace(string(src), "N when N > 10 -> f501(", "N when N > 11 -> f501(", 1))
	if string(edited) == string(src) {
		b.Fatal("the edit did not apply")
	}
	cfg := epp.NewConfig()
	cache := NewCache()
	CheckSource(cfg, "big.erl", src, Options{Cache: cache}, false)
	cache.Misses = 0
	versions := [][]byte{edited, src}
	i := 0
	cpu0 := cpuSince(b, 0)
	for b.Loop() {
		CheckSource(cfg, "big.erl", versions[i%2], Options{Cache: cache}, false)
		i++
	}
	cpuSince(b, cpu0)
	b.ReportMetric(float64(cache.Misses)/float64(i), "rechecked-functions/op")
}

// cpuSince returns the CPU time the process has used (user + system, all
// threads, so the garbage collector counts too); with cpu0 non-zero it
// also reports the CPU milliseconds per operation since cpu0, which on
// this shared machine are steadier than wall time.
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
