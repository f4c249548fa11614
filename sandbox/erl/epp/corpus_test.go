package epp

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
)

// otpLibDir is where Debian's erlang packages install OTP's applications.
const otpLibDir = "/usr/lib/erlang/lib"

// corpusFiles returns the .erl files of OTP's stdlib and kernel sources,
// or ends the test through testenv.Missing when they are not installed.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, app := range []string{"stdlib", "kernel"} {
		dirs, _ := filepath.Glob(filepath.Join(otpLibDir, app+"-*", "src"))
		for _, d := range dirs {
			fs, _ := filepath.Glob(filepath.Join(d, "*.erl"))
			files = append(files, fs...)
		}
	}
	if len(files) == 0 {
		testenv.Missing(t, "OTP sources (Debian package erlang-src) not found under %s", otpLibDir)
	}
	sort.Strings(files)
	return files
}

// corpusConfig sets up include paths as OTP's own build gives them to erlc:
// the application's include directory, kernel's (stdlib's Makefile adds
// -I ../../kernel/include), and the lib root for include_lib.
func corpusConfig(file string) *Config {
	appDir := filepath.Dir(filepath.Dir(file))
	kernel, _ := filepath.Glob(filepath.Join(otpLibDir, "kernel-*", "include"))
	return NewConfig().WithIncludeDirs(append([]string{filepath.Join(appDir, "include")}, kernel...)...).WithLibDirs(otpLibDir)
}

// TestOTPCorpus preprocesses and parses every .erl file of OTP 25's stdlib
// and kernel and expects no error at all.
func TestOTPCorpus(t *testing.T) {
	files := corpusFiles(t)
	var failures []string
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("reading corpus file: %v", err)
		}
		_, res := ParseFile(corpusConfig(file), file, src)
		if len(res.Errors) > 0 {
			failures = append(failures, res.Errors[0].Error()+"  ("+strings.TrimPrefix(file, otpLibDir+"/")+", "+itoa(len(res.Errors))+" errors)")
		}
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d OTP files have errors (first error of each):\n%s", len(failures), len(files), strings.Join(failures, "\n"))
	}
	t.Logf("%d files preprocessed and parsed", len(files))
}
