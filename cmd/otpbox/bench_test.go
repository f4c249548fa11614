package main

import (
	"strings"
	"testing"
)

func TestBenchUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench"}, "missing target"},
		{[]string{"bench", "nope"}, `unknown target "nope"`},
		{[]string{"bench", "collab"}, "no admin token"},
		{[]string{"bench", "collab", "--editors=x"}, "invalid value"},
		{[]string{"bench", "collab", "extra"}, `unexpected argument "extra"`},
	} {
		st, _, stderr := runCLI(t, tc.args...)
		if st != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d, stderr:\n%s", tc.args, st, stderr)
		}
	}
	if st, _, stderr := runCLI(t, "bench", "collab", "--help"); st != 0 || !strings.Contains(stderr, "Usage: otpbox bench collab") {
		t.Errorf("bench collab --help: status %d\n%s", st, stderr)
	}
}
