package sandbox

import (
	"errors"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
)

// TestGuestOptimised checks that the embedded guest is the one `make
// guest` post-optimised with wasm-opt (docs/rationale.md, "sandbox: the
// guest's build flags and wazero's settings"). A build without wasm-opt
// still works, so this skips there, but CI installs binaryen and sets
// OTPBOX_REQUIRE_ALL=1, where an unoptimised guest fails it.
func TestGuestOptimised(t *testing.T) {
	rec, err := guestOptimisation()
	if errors.Is(err, ErrGuestNotBuilt) {
		testenv.Missing(t, "%v", err)
	}
	if err != nil {
		testenv.Missing(t, "the embedded guest is not optimised: %v", err)
	}
	t.Logf("guest optimised: %s", rec)
}

func TestCheckGuestRecord(t *testing.T) {
	guest := []byte("\x00asm\x01\x00\x00\x00")
	const sum = "sha256: 93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476\n"
	rec, err := checkGuestRecord(guest, []byte("wasm-opt version 108\npasses: -O3\n"+sum))
	if err != nil || rec != "wasm-opt version 108, passes: -O3" {
		t.Errorf("matching record: got %q, %v", rec, err)
	}
	if _, err := checkGuestRecord(append(guest, 0), []byte("passes: -O3\n"+sum)); err == nil {
		t.Error("a record for another module was accepted")
	}
	if _, err := checkGuestRecord(guest, []byte("passes: -O3\n")); err == nil {
		t.Error("a record without a checksum was accepted")
	}
}
