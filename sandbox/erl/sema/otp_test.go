package sema

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/epp"
)

const otpLibDir = testenv.OTPLibDir

// otpCorpus returns the .erl files of OTP's stdlib and kernel sources, or
// ends the test through testenv.Missing when they are not installed.
func otpCorpus(t testing.TB) []string {
	t.Helper()
	return testenv.OTPSources(t, "stdlib", "kernel")
}

// otpConfig gives the include paths OTP's own build passes to erlc: the
// application's include directory, kernel's, and the lib root for
// -include_lib.
func otpConfig(file string) *epp.Config {
	return epp.NewConfig().WithIncludeDirs(testenv.OTPIncludeDirs(file)...).WithLibDirs(otpLibDir)
}

// otpKey names a diagnostic as testdata/otp/warnings.txt does:
// "app/src/file.erl:line:col: Warning: message", the app without its
// version.
func otpKey(d Diagnostic) string {
	rel := strings.TrimPrefix(d.File, otpLibDir+"/")
	if app, rest, ok := strings.Cut(rel, "/"); ok {
		app, _, _ = strings.Cut(app, "-")
		rel = app + "/" + rest
	}
	msg, _, _ := strings.Cut(d.Message, "\n")
	sev := "Warning: "
	if d.Severity == Error {
		sev = ""
	}
	return rel + ":" + itoa(int(d.Pos.Line)) + ":" + itoa(int(d.Pos.Col)) + ": " + sev + msg
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestOTPCorpus checks every .erl file of OTP 25's stdlib and kernel: no
// errors, and only warnings that real erlc also gives (recorded by
// testdata/otp/record.sh into testdata/otp/warnings.txt).
func TestOTPCorpus(t *testing.T) {
	files := otpCorpus(t)
	f, err := os.Open("testdata/otp/warnings.txt")
	if err != nil {
		t.Fatalf("reading erlc's warnings: %v", err)
	}
	defer f.Close()
	erlc := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			erlc[line] = true
		}
	}
	var bad []string
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("reading corpus file: %v", err)
		}
		r := CheckSource(otpConfig(file), file, src, Options{}, false)
		for _, d := range r.Diagnostics {
			if k := otpKey(d); !erlc[k] {
				bad = append(bad, k)
			}
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d diagnostics on OTP's sources that erlc does not give:\n%s", len(bad), strings.Join(bad, "\n"))
	}
}
