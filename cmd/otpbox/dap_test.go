package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
