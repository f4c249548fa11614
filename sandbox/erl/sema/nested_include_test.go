package sema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
)

// TestNestedHeaderSyntaxError: a syntax error in a header included by a
// header is reported in that header at its own line, and the module's own
// forms are checked as usual. The expectations are what erlc (OTP 25)
// prints for these files: only "c.hrl:2:6: syntax error before: '->'",
// whether the -include comes before or after -module.
func TestNestedHeaderSyntaxError(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"b.hrl":  "-define(B, 1).\n-include(\"c.hrl\").\n",
		"c.hrl":  "-define(C, 2).\nbad( -> ok.\n",
		"a.erl":  "-module(a).\n-export([f/0]).\n-include(\"b.hrl\").\nf() -> ok.\n",
		"a2.erl": "-include(\"b.hrl\").\n-module(a2).\n-export([f/0]).\nf() -> ok.\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, mod := range []string{"a.erl", "a2.erl"} {
		path := filepath.Join(dir, mod)
		r := CheckSource(epp.NewConfig(), path, []byte(files[mod]), Options{}, false)
		var got []string
		for _, d := range r.Diagnostics {
			got = append(got, filepath.Base(d.File)+":"+d.Pos.String()+": "+d.Severity.String()+": "+d.Message)
		}
		want := "c.hrl:2:6: error: syntax error before: '->'"
		if strings.Join(got, "\n") != want {
			t.Errorf("%s: diagnostics\n\t%s\nwant\n\t%s", mod, strings.Join(got, "\n\t"), want)
		}
	}
}
