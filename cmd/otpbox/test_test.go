package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTestCommand runs otpbox test on the exercise modules of
// sandbox/testdata/exercises (string processing, recursion, maps, records,
// processes; their EUnit suites pass in real Erlang too), on a failing
// suite and on a module without tests, in both isolation modes.
func TestTestCommand(t *testing.T) {
	exercises, err := filepath.Abs("../../sandbox/testdata/exercises")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	failing := writeFile(t, dir, "rev.erl", `-module(rev).
-export([reverse/1]).
-include_lib("eunit/include/eunit.hrl").
reverse(L) -> lists:reverse(L).
ok_test() -> ?assertEqual([2, 1], reverse([1, 2])).
wrong_test() -> ?assertEqual([1], reverse([2])).
`)
	none := writeFile(t, dir, "plain.erl", "-module(plain).\n-export([f/0]).\nf() -> ok.\n")
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			st, out, errOut := runCLI(t, "test", "--isolation", iso, exercises)
			if st != 0 || !strings.Contains(out, "All 71 tests passed.") {
				t.Errorf("exercises: status %d, stdout %q, stderr %q", st, out, errOut)
			}
			st, out, _ = runCLI(t, "test", "--isolation", iso, failing)
			if st != 1 || !strings.Contains(out, "rev: wrong_test...*failed*") || !strings.Contains(out, "Failed: 1.  Skipped: 0.  Passed: 1.") {
				t.Errorf("failing suite: status %d, stdout %q", st, out)
			}
			st, out, _ = runCLI(t, "test", "--isolation", iso, none)
			if st != 1 || !strings.Contains(out, "There were no tests to run.") {
				t.Errorf("no tests: status %d, stdout %q", st, out)
			}
		})
	}
	if st, _, _ := runCLI(t, "test"); st != 2 {
		t.Errorf("no paths: status %d, want 2", st)
	}
	if st, _, _ := runCLI(t, "test", filepath.Join(dir, "missing")); st != 2 {
		t.Errorf("a missing path: status %d, want 2", st)
	}
}
