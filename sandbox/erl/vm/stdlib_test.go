package vm

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
)

// Every embedded stdlib module compiles.
func TestStdlibCompiles(t *testing.T) {
	m := New(NewConfig())
	names, err := fs.Glob(stdlib.FS, "*.erl")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, err := m.module(strings.TrimSuffix(n, ".erl")); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}
