//go:build vm_bench && !wasip1

package bench

import (
	"os"
	"testing"

	"github.com/otpbox/otpbox/sandbox"
)

// TestMain runs the native benchmarks under the collector settings that
// `otpbox run --isolation native` gives its process (GOGC 400 and a soft
// limit from the default --memory; sandbox.DedicatedNativeGC), so that
// they measure the VM as the product runs it. The wasm build gets the
// guest's settings from its environment (wasm.sh). GOGC or GOMEMLIMIT in
// the environment win, as they do for otpbox run.
func TestMain(m *testing.M) {
	restore := sandbox.DedicatedNativeGC(sandbox.DefaultMemory, os.Getenv)
	code := m.Run()
	restore()
	os.Exit(code)
}
