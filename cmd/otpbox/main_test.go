package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	status = dispatch(context.Background(), e, args)
	return status, out.String(), errb.String()
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	st, _, stderr := runCLI(t, "frobnicate")
	if st != 2 {
		t.Fatalf("status = %d, want 2", st)
	}
	if !strings.Contains(stderr, `unknown command "frobnicate"`) || !strings.Contains(stderr, "Usage:") {
		t.Fatalf("stderr does not explain the error:\n%s", stderr)
	}
}

func TestNoArgumentsIsUsageError(t *testing.T) {
	if st, _, _ := runCLI(t); st != 2 {
		t.Fatalf("status = %d, want 2", st)
	}
}

func TestEveryCommandHasHelpAndRejectsUnknownFlags(t *testing.T) {
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			st, _, stderr := runCLI(t, c.name, "--help")
			if st != 0 || !strings.Contains(stderr, "Usage: otpbox "+c.name) {
				t.Errorf("--help: status %d, output:\n%s", st, stderr)
			}
			st, _, stderr = runCLI(t, c.name, "--no-such-flag")
			if st != 2 || !strings.Contains(stderr, "no-such-flag") {
				t.Errorf("unknown flag: status %d, output:\n%s", st, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	st, out, _ := runCLI(t, "version")
	if st != 0 || !strings.HasPrefix(out, "otpbox ") {
		t.Fatalf("status %d, output %q", st, out)
	}
}
