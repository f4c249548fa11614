package epp

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
)

type benchFile struct {
	path string
	src  []byte
	cfg  *Config
}

// stdlibFiles reads OTP's stdlib sources, the benchmark's workload.
func stdlibFiles(b *testing.B) ([]benchFile, int64) {
	b.Helper()
	files := testenv.OTPSources(b, "stdlib")
	var out []benchFile
	var size int64
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		size += int64(len(src))
		out = append(out, benchFile{f, src, corpusConfig(f)})
	}
	return out, size
}

// BenchmarkParseStdlib preprocesses and parses all of stdlib's sources
// (includes read from disk on every run), the work epp:parse_file does;
// bench/epp_parse_file.sh times the real thing.
func BenchmarkParseStdlib(b *testing.B) {
	files, size := stdlibFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if _, res := ParseFile(f.cfg, f.path, f.src); len(res.Errors) > 0 {
				b.Fatal(res.Errors[0])
			}
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkParseStdlibReparser is BenchmarkParseStdlib with one
// Reparser for all files, so that the token buffers are reused.
func BenchmarkParseStdlibReparser(b *testing.B) {
	files, size := stdlibFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var r Reparser
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if _, res := r.ParseFile(f.cfg, f.path, f.src); len(res.Errors) > 0 {
				b.Fatal(res.Errors[0])
			}
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkParseStdlibParallel is BenchmarkParseStdlibReparser spread
// over GOMAXPROCS goroutines, each with its own Reparser, taking files
// from a shared counter. It is an extra figure: the goal compares the
// single-threaded run with epp on one scheduler.
func BenchmarkParseStdlibParallel(b *testing.B) {
	files, size := stdlibFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	workers := runtime.GOMAXPROCS(0)
	rs := make([]Reparser, workers)
	cpu0 := cpuTime()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range workers {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
					f := files[i]
					if _, res := rs[w].ParseFile(f.cfg, f.path, f.src); len(res.Errors) > 0 && errs[w] == nil {
						errs[w] = res.Errors[0]
					}
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu0)
}

// BenchmarkPreprocessStdlib is the preprocessing share of the above.
func BenchmarkPreprocessStdlib(b *testing.B) {
	files, size := stdlibFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range files {
			Preprocess(f.cfg, f.path, f.src)
		}
	}
	reportCPU(b, cpu0)
}

// cpuTime is the CPU time the process has used (user + system, all
// threads, so the garbage collector's work counts too).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds CPU milliseconds per operation to the benchmark's result:
// on a machine shared with other work, CPU time is steadier than wall
// time, and it is what bench/epp_parse_file.sh reports for Erlang.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
