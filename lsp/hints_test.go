package lsp

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// TestHintDiagnostics checks what the marker tests cannot see: a hint's
// severity (information for a risk, warning for a bug), its code and the
// codeDescription link to its page in docs/hints.md, and that headers get
// no hints.
func TestHintDiagnostics(t *testing.T) {
	text := "-module(m).\n-export([f/1]).\nf(X) ->\n    spawn(fun() -> g(X) end),\n    list_to_atom(X).\ng(X) -> receive {a, Y} -> g(X + Y) end.\n"
	res := sema.CheckSource(epp.NewConfig(), "/w/m.erl", []byte(text), sema.Options{}, false)
	doc := newDocument("file:///w/m.erl", "/w/m.erl", 1, text)
	ds := hintDiagnostics(doc, res, encUTF16)
	sev := map[string]int{}
	for _, d := range ds {
		sev[d.Code] = d.Severity
		if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "docs/hints.md#"+strings.ToLower(d.Code)) {
			t.Errorf("%s: codeDescription %+v", d.Code, d.CodeDescription)
		}
	}
	if sev["OTP015"] != 3 || sev["OTP010"] != 2 || sev["OTP008"] != 2 {
		t.Errorf("severities by code = %v, want OTP015 information (3), OTP010 and OTP008 warnings (2)", sev)
	}
	out, _ := json.Marshal(ds[0])
	if !strings.Contains(string(out), `"codeDescription":{"href":"https://`) {
		t.Errorf("JSON %s lacks codeDescription", out)
	}
	hdr := newDocument("file:///w/m.hrl", "/w/m.hrl", 1, text)
	if got := hintDiagnostics(hdr, res, encUTF16); len(got) != 0 {
		t.Errorf("a header got hints: %v", got)
	}
}
