package epp

import (
	"os"
	"path/filepath"
	"testing"

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
	files, _ := filepath.Glob(filepath.Join(otpLibDir, "stdlib-*", "src", "*.erl"))
	if len(files) == 0 {
		testenv.Missing(b, "OTP stdlib sources (Debian package erlang-src) not found under %s", otpLibDir)
	}
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
	for b.Loop() {
		for _, f := range files {
			if _, res := ParseFile(f.cfg, f.path, f.src); len(res.Errors) > 0 {
				b.Fatal(res.Errors[0])
			}
		}
	}
}

// BenchmarkPreprocessStdlib is the preprocessing share of the above.
func BenchmarkPreprocessStdlib(b *testing.B) {
	files, size := stdlibFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Preprocess(f.cfg, f.path, f.src)
		}
	}
}
