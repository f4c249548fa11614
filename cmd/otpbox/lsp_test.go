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
