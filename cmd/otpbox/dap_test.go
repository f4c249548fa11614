package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/internal/daptest"
)

// otpbox dap answers on stdout, survives a garbage frame, reports an
// unknown command as an error response and exits 0 at disconnect.
func TestDapSession(t *testing.T) {
	in := frame(`{"seq":1,"type":"request","command":"initialize","arguments":{"adapterID":"otpbox"}}`) +
		frame(`{not json`) +
		frame(`{"seq":2,"type":"request","command":"frobnicate"}`) +
		frame(`{"seq":3,"type":"request","command":"disconnect"}`)
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(in), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	if st := dispatch(context.Background(), e, []string{"dap"}); st != 0 {
		t.Fatalf("status %d, stderr:\n%s", st, errb.String())
	}
	for _, want := range []string{`"supportsConditionalBreakpoints":true`, `"request_seq":2,"success":false`, `"command":"disconnect"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %s:\n%s", want, out.String())
		}
	}
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb.String())
	}
}

// otpbox dap runs its program in a sandbox, wasm by default or native
// with --isolation, whose limits are the launch request's: a loop for
// ever is stopped by limits.timeout and the session reports it and exits
// 1; a bad limit fails the launch; an unknown isolation is a usage error.
func TestDapSandboxLimits(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "spin.erl")
	if err := os.WriteFile(prog, []byte("-module(spin).\n-export([main/0]).\nmain() -> io:format(\"spinning~n\"), loop().\nloop() -> loop().\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			args := []string{"dap"}
			if iso != "wasm" { // wasm is the default
				args = append(args, "--isolation", iso)
			}
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			var errb bytes.Buffer
			e := &env{stdin: inR, stdout: outW, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
			status := make(chan int, 1)
			go func() {
				status <- dispatch(context.Background(), e, args)
				outW.Close()
			}()
			c := daptest.New(t, outR, inW)
			exited := func(m godap.Message) bool { _, ok := m.(*godap.ExitedEvent); return ok }
			c.OK("initialize", map[string]any{"adapterID": "otpbox"})
			if r := c.Send("launch", map[string]any{"program": prog, "limits": map[string]any{"memory": "lots"}}).GetResponse(); r.Success || !strings.Contains(r.Message, "limits.memory") {
				t.Errorf("launch with memory \"lots\": %+v", r)
			}
			if r := c.Send("launch", map[string]any{"program": prog, "limits": map[string]any{"maxAtoms": -1}}).GetResponse(); r.Success || !strings.Contains(r.Message, "limits.maxAtoms") {
				t.Errorf("launch with maxAtoms -1: %+v", r)
			}
			// spin.erl is 95 bytes: over a 64-byte module limit, the launch
			// fails naming the limit, as a compile error would.
			if r := c.Send("launch", map[string]any{"program": prog, "limits": map[string]any{"maxModuleSize": "64"}}).GetResponse(); r.Success || !strings.Contains(r.Message, "module size") {
				t.Errorf("launch with maxModuleSize 64: %+v", r)
			}
			c.OK("launch", map[string]any{"program": prog, "limits": map[string]any{"timeout": "300ms", "maxProcesses": 10, "maxAtoms": 100000, "maxModuleSize": "1MiB"}})
			c.OK("configurationDone", nil)
			ex := c.Await("exited", exited).(*godap.ExitedEvent)
			if ex.Body.ExitCode != 1 || !strings.Contains(c.Output(), "spinning") || !strings.Contains(c.Output(), "timeout") {
				t.Errorf("exit code %d, output:\n%s", ex.Body.ExitCode, c.Output())
			}
			c.OK("disconnect", nil)
			inW.Close()
			if st := <-status; st != 0 {
				t.Errorf("status %d, stderr:\n%s", st, errb.String())
			}
		})
	}
	var errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	if st := dispatch(context.Background(), e, []string{"dap", "--isolation", "beam"}); st != 2 || !strings.Contains(errb.String(), "want wasm or native") {
		t.Errorf("--isolation beam: status %d, stderr %q", st, errb.String())
	}
}
