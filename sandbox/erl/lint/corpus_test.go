package lint

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
)

const otpLibDir = testenv.OTPLibDir

// reviewed reads a list of reviewed hints, "key  # reason" a line: every
// hint the rules give on a corpus, with why it is a real one. Anything not
// listed is a false positive to fix.
func reviewed(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, reason, ok := strings.Cut(l, "  # ")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s: %q has no reason", path, l)
		}
		out[key] = reason
	}
	return out
}

// TestOTPCorpus runs every rule over the 183 .erl files of OTP's stdlib
// and kernel (Debian's erlang-src) and compares the hints with otpHits.
func TestOTPCorpus(t *testing.T) {
	files := testenv.OTPSources(t, "stdlib", "kernel")
	otpHits := reviewed(t, "testdata/otp_hits.txt")
	got := map[string]bool{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		cfg := epp.NewConfig().WithIncludeDirs(testenv.OTPIncludeDirs(file)...).WithLibDirs(otpLibDir)
		res := sema.CheckSource(cfg, file, src, sema.Options{}, false)
		for _, h := range Run(src, res) {
			rel := strings.TrimPrefix(file, otpLibDir+"/")
			app, rest, _ := strings.Cut(rel, "/")
			app, _, _ = strings.Cut(app, "-")
			key := app + "/" + rest + ":" + itoa(int(h.Pos.Line)) + ": " + h.Code
			got[key] = true
			if _, ok := otpHits[key]; !ok {
				t.Errorf("unreviewed hint %s: %s", key, h.Message)
			}
		}
	}
	for key := range otpHits {
		if !got[key] {
			t.Errorf("reviewed hint %s no longer reported", key)
		}
	}
	if len(files) != 183 {
		t.Logf("%d OTP files (183 expected for OTP 25)", len(files))
	}
}

// TestEmbeddedStdlib runs every rule over the VM's own stdlib and OTP
// modules and compares the hints with testdata/stdlib_hits.txt.
func TestEmbeddedStdlib(t *testing.T) {
	allowed := reviewed(t, "testdata/stdlib_hits.txt")
	got := map[string]bool{}
	n := 0
	for _, fsys := range []fs.FS{stdlib.FS, stdlib.OTP} {
		err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".erl") {
				return err
			}
			src, err := fs.ReadFile(fsys, path)
			if err != nil {
				return err
			}
			n++
			res := sema.CheckSource(epp.NewConfig(), path, src, sema.Options{}, false)
			for _, h := range Run(src, res) {
				key := path + ":" + itoa(int(h.Pos.Line)) + ": " + h.Code
				got[key] = true
				if _, ok := allowed[key]; !ok {
					t.Errorf("unreviewed hint %s: %s", key, h.Message)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for key := range allowed {
		if !got[key] {
			t.Errorf("reviewed hint %s no longer reported", key)
		}
	}
	if n < 10 {
		t.Errorf("only %d embedded modules", n)
	}
}

func itoa(n int) string {
	b := []byte{}
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
