package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// otpbox lsp answers initialize on stdout, survives a garbage frame and
// exits 0 after shutdown and exit.
func TestLspSession(t *testing.T) {
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`) +
		frame(`{not json`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(in), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	if st := dispatch(context.Background(), e, []string{"lsp"}); st != 0 {
		t.Fatalf("status %d, stderr:\n%s", st, errb.String())
	}
	for _, want := range []string{`"positionEncoding":"utf-16"`, `"code":-32700`, `"id":2,"result":null`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %s:\n%s", want, out.String())
		}
	}
}

// otpbox lsp --isolation sets the workspace sandbox's isolation: a run
// answers the same in both; an unknown one is a usage error.
func TestLspIsolation(t *testing.T) {
	dir := t.TempDir()
	prog := writeFile(t, dir, "m.erl", "-module(m).\n-export([main/0]).\nmain() -> {sum, lists:sum([1, 2, 3])}.\n")
	uri := "file://" + prog
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://`+dir+`","capabilities":{}}}`) +
				frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
				frame(`{"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"otpbox.run","arguments":["`+uri+`","m","main"]}}`) +
				frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) +
				frame(`{"jsonrpc":"2.0","method":"exit"}`)
			var out, errb bytes.Buffer
			e := &env{stdin: strings.NewReader(in), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
			if st := dispatch(context.Background(), e, []string{"lsp", "--isolation", iso}); st != 0 {
				t.Fatalf("status %d, stderr:\n%s", st, errb.String())
			}
			if want := `"id":2,"result":{"value":"{sum,6}"}`; !strings.Contains(out.String(), want) {
				t.Errorf("stdout lacks %s:\n%s", want, out.String())
			}
		})
	}
	var errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &errb, getenv: func(string) string { return "" }, log: discardLogger()}
	if st := dispatch(context.Background(), e, []string{"lsp", "--isolation", "beam"}); st != 2 || !strings.Contains(errb.String(), "want wasm or native") {
		t.Errorf("--isolation beam: status %d, stderr %q", st, errb.String())
	}
}
