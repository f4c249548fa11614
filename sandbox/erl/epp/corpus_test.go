package epp

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
)

// otpLibDir is where Debian's erlang packages install OTP's applications.
const otpLibDir = testenv.OTPLibDir

// corpusFiles returns the .erl files of OTP's stdlib and kernel sources,
// or ends the test through testenv.Missing when they are not installed.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	return testenv.OTPSources(t, "stdlib", "kernel")
}

// corpusConfig sets up include paths as OTP's own build gives them to erlc:
// the application's include directory, kernel's (stdlib's Makefile adds
// -I ../../kernel/include), and the lib root for include_lib.
func corpusConfig(file string) *Config {
	return NewConfig().WithIncludeDirs(testenv.OTPIncludeDirs(file)...).WithLibDirs(otpLibDir)
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
			failures = append(failures, res.Errors[0].Error()+"  ("+strings.TrimPrefix(file, otpLibDir+"/")+", "+strconv.Itoa(len(res.Errors))+" errors)")
		}
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d OTP files have errors (first error of each):\n%s", len(failures), len(files), strings.Join(failures, "\n"))
	}
	t.Logf("%d files preprocessed and parsed", len(files))
}

// TestOTPCorpusMatchesEpp checks that our expansion of every OTP corpus
// file is token for token (and line for line) what real epp produced, as
// recorded in testdata/otp_corpus.golden by record.sh. Only a hash of epp's
// rendering is stored; to see a difference, compare
// `escript testdata/record.escript dump FILE` with the rendering this test
// writes to $EPP_DUMP_DIR when that is set.
func TestOTPCorpusMatchesEpp(t *testing.T) {
	corpusFiles(t) // skips (or fails under OTPBOX_REQUIRE_ALL) without the sources
	golden, err := os.ReadFile("testdata/otp_corpus.golden")
	if err != nil {
		t.Fatal(err)
	}
	dumpDir := os.Getenv("EPP_DUMP_DIR")
	var mismatches []string
	compared, stale := 0, 0
	for _, line := range strings.Split(string(golden), "\n") {
		fields := strings.Fields(line)
		if len(fields) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		file := filepath.Join(otpLibDir, fields[0])
		src, err := os.ReadFile(file)
		if err != nil || sha256Hex(src) != fields[1] {
			// Another OTP version: this file cannot be compared.
			stale++
			continue
		}
		compared++
		res := Preprocess(corpusConfig(file), file, src)
		var b strings.Builder
		renderTokens(&b, res, file)
		renderMsgs(&b, "error", res.Errors)
		renderMsgs(&b, "warning", res.Warnings)
		if sha256Hex([]byte(b.String())) != fields[2] {
			mismatches = append(mismatches, fields[0])
			if dumpDir != "" {
				_ = os.WriteFile(filepath.Join(dumpDir, filepath.Base(file)+".ours"), []byte(b.String()), 0o644)
			}
		}
	}
	if compared == 0 {
		testenv.Missing(t, "the installed OTP sources differ from the recorded ones (%d files); re-record with testdata/record.sh", stale)
	}
	if len(mismatches) > 0 {
		t.Errorf("%d of %d files expand differently from epp:\n%s", len(mismatches), compared, strings.Join(mismatches, "\n"))
	}
	t.Logf("%d files compared with epp (%d not comparable)", compared, stale)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
