package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
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

// otpbox dap runs its program in a native sandbox whose limits are the
// launch request's: a loop for ever is stopped by limits.timeout and
// the session reports it and exits 1; a bad limit fails the launch;
// --isolation wasm is refused until the ABI carries the debugger.
func TestDapSandboxLimits(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "spin.erl")
	if err := os.WriteFile(prog, []byte("-module(spin).\n-export([main/0]).\nmain() -> io:format(\"spinning~n\"), loop().\nloop() -> loop().\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb bytes.Buffer
	e := &env{stdin: inR, stdout: outW, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	status := make(chan int, 1)
	go func() {
		status <- dispatch(context.Background(), e, []string{"dap", "--isolation", "native"})
		outW.Close()
	}()
	msgs := make(chan godap.Message, 64)
	go func() {
		r := bufio.NewReader(outR)
		for {
			m, err := godap.ReadProtocolMessage(r)
			if err != nil {
				close(msgs)
				return
			}
			msgs <- m
		}
	}()
	send := func(seq int, command string, args any) {
		b, _ := json.Marshal(map[string]any{"seq": seq, "type": "request", "command": command, "arguments": args})
		if err := godap.WriteBaseMessage(inW, b); err != nil {
			t.Fatal(err)
		}
	}
	var output strings.Builder
	// await reads messages until one satisfies ok.
	await := func(what string, ok func(godap.Message) bool) godap.Message {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case m, open := <-msgs:
				if !open {
					t.Fatalf("stream ended waiting for %s", what)
				}
				if o, isOut := m.(*godap.OutputEvent); isOut {
					output.WriteString(o.Body.Output)
				}
				if ok(m) {
					return m
				}
			case <-timeout:
				t.Fatalf("no %s; output so far: %s", what, output.String())
			}
		}
	}
	response := func(seq int) godap.Response {
		t.Helper()
		return *await(fmt.Sprint("response ", seq), func(m godap.Message) bool {
			r, ok := m.(godap.ResponseMessage)
			return ok && r.GetResponse().RequestSeq == seq
		}).(godap.ResponseMessage).GetResponse()
	}

	send(1, "initialize", map[string]any{"adapterID": "otpbox"})
	response(1)
	send(2, "launch", map[string]any{"program": prog, "limits": map[string]any{"memory": "lots"}})
	if r := response(2); r.Success || !strings.Contains(r.Message, "limits.memory") {
		t.Errorf("launch with memory \"lots\": %+v", r)
	}
	send(3, "launch", map[string]any{"program": prog, "limits": map[string]any{"timeout": "300ms", "maxProcesses": 10}})
	if r := response(3); !r.Success {
		t.Fatalf("launch: %s", r.Message)
	}
	send(4, "configurationDone", nil)
	ex := await("exited", func(m godap.Message) bool { _, ok := m.(*godap.ExitedEvent); return ok }).(*godap.ExitedEvent)
	if ex.Body.ExitCode != 1 || !strings.Contains(output.String(), "spinning") || !strings.Contains(output.String(), "timeout") {
		t.Errorf("exit code %d, output:\n%s", ex.Body.ExitCode, output.String())
	}
	send(5, "disconnect", nil)
	response(5)
	inW.Close()
	if st := <-status; st != 0 {
		t.Errorf("status %d, stderr:\n%s", st, errb.String())
	}

	errb.Reset()
	e = &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	if st := dispatch(context.Background(), e, []string{"dap", "--isolation", "wasm"}); st != 2 || !strings.Contains(errb.String(), "native isolation") {
		t.Errorf("--isolation wasm: status %d, stderr %q", st, errb.String())
	}
}
