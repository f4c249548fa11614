// Package testenv lets tests depend on real outside components (Erlang,
// PostgreSQL, Neovim, Chromium, Node) without skipping silently: a missing
// component skips the test, unless OTPBOX_REQUIRE_ALL=1 is set, as CI sets
// it, in which case the test fails.
package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// RequireAll reports whether missing components must fail tests.
func RequireAll() bool { return os.Getenv("OTPBOX_REQUIRE_ALL") == "1" }

// Missing ends the test because a component it needs is unavailable: a skip
// normally, a failure under OTPBOX_REQUIRE_ALL=1.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if RequireAll() {
		t.Fatalf("required component missing (OTPBOX_REQUIRE_ALL=1): %s", msg)
	}
	t.Skipf("skipping: %s (set OTPBOX_REQUIRE_ALL=1 to make this a failure)", msg)
}

// LookPath returns the path of the named program, or ends the test through
// Missing when it is not installed.
func LookPath(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s not found in PATH: %v", name, err)
	}
	return p
}
