package sandbox

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// guestOptimisation returns what `make guest` recorded in
// guestbin/wasm-opt.txt when it post-optimised the embedded guest with
// Binaryen's wasm-opt (sandbox/guest/wasmopt.sh): the tool's version and
// passes. It is an error when there is no record (wasm-opt was missing
// or failed, and the build said so on stderr) or when the record is for
// another module than the one embedded (a guest built by hand after it).
func guestOptimisation() (string, error) {
	guest, err := guestModule()
	if err != nil {
		return "", err
	}
	rec, err := fs.ReadFile(guestFS, "guestbin/wasm-opt.txt")
	if errors.Is(err, fs.ErrNotExist) {
		return "", errors.New("guestbin/wasm-opt.txt missing: the guest was built without wasm-opt (Debian package binaryen)")
	}
	if err != nil {
		return "", fmt.Errorf("reading guestbin/wasm-opt.txt: %w", err)
	}
	return checkGuestRecord(guest, rec)
}

// checkGuestRecord returns the record rec (wasm-opt.txt) without its
// checksum line, or an error when that line is not guest's SHA-256.
func checkGuestRecord(guest, rec []byte) (string, error) {
	var info []string
	var sum string
	for _, line := range strings.Split(strings.TrimSpace(string(rec)), "\n") {
		if s, ok := strings.CutPrefix(line, "sha256: "); ok {
			sum = s
		} else {
			info = append(info, line)
		}
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(guest)); sum != got {
		return "", fmt.Errorf("guestbin/wasm-opt.txt records the module with SHA-256 %q, but the embedded guest.wasm is %s: it was rebuilt without make guest", sum, got)
	}
	return strings.Join(info, ", "), nil
}
