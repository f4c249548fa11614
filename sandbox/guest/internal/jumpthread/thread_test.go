package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/otpbox/otpbox/internal/testenv"
)

// buildProg compiles testdata/prog for wasip1 as the guest is compiled.
func buildProg(t *testing.T) []byte {
	t.Helper()
	gobin := testenv.LookPath(t, "go")
	out := filepath.Join(t.TempDir(), "prog.wasm")
	cmd := exec.Command(gobin, "build", "-trimpath", "-o", out, "./testdata/prog")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	mod, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return mod
}

// runWasm runs mod under wazero's compiler, as the sandbox does, and
// returns its standard output.
func runWasm(t *testing.T, mod []byte) string {
	t.Helper()
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	defer rt.Close(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	var stdout, stderr bytes.Buffer
	cfg := wazero.NewModuleConfig().WithStdout(&stdout).WithStderr(&stderr).WithName("")
	if _, err := rt.InstantiateWithConfig(ctx, mod, cfg); err != nil && !strings.Contains(err.Error(), "exit_code(0)") {
		t.Fatalf("run: %v\nstderr: %s", err, stderr.String())
	}
	if got := stderr.String(); got != "done\n" {
		t.Fatalf("stderr %q, want %q", got, "done\n")
	}
	return stdout.String()
}

// TestThreadProgram threads a Go program's wasm build and runs both: the
// output must be the same, most jumps through the loop heads must have
// become direct branches, and a second pass must find none left to
// thread (the rest go backwards).
func TestThreadProgram(t *testing.T) {
	mod := buildProg(t)
	th, st, err := threadModule(mod)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d functions, %d of %d jumps threaded, code %d -> %d bytes", st.funcs, st.threaded, st.jumps, st.bytesIn, st.bytesOut)
	if st.funcs == 0 || st.threaded*2 < st.jumps || st.bytesOut >= st.bytesIn {
		t.Errorf("threaded %d of %d jumps in %d functions, code %d -> %d bytes", st.threaded, st.jumps, st.funcs, st.bytesIn, st.bytesOut)
	}
	want := runWasm(t, mod)
	if !strings.Contains(want, "goroutine 50") || !strings.Contains(want, "recovered: runtime error: integer divide by zero") {
		t.Fatalf("the program printed %q", want)
	}
	if got := runWasm(t, th); got != want {
		t.Errorf("threaded output:\n%s\nwant:\n%s", got, want)
	}
	again, st2, err := threadModule(th)
	if err != nil {
		t.Fatal(err)
	}
	if st2.threaded != 0 || !bytes.Equal(again, th) {
		t.Errorf("a second pass threaded %d more jumps", st2.threaded)
	}
}

// TestThreadBadInput wants an error naming what is wrong for input that
// is not a module gc wrote.
func TestThreadBadInput(t *testing.T) {
	mod := buildProg(t)
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "not a wasm module"},
		{"text", []byte("(module)"), "not a wasm module"},
		{"cut", mod[:len(mod)/2], "truncated"},
	} {
		if _, _, err := threadModule(c.in); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
}
