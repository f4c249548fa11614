package epp

import (
	"fmt"
	"io/fs"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// FuzzPreprocess feeds arbitrary source to the preprocessor (and the
// parser after it). Includes are served from memory: "self.hrl" is the
// input itself, so include chains and self-inclusion get exercised too.
// It checks that nothing panics or hangs and that every position reported
// for the main file lies within it.
func FuzzPreprocess(f *testing.F) {
	for _, s := range []string{
		"-module(m).\n-define(F(X), {X, ??X}).\nf() -> ?F(1).\n",
		"-include(\"self.hrl\").\n",
		"-ifdef(X).\n-else.\n-endif.\n-if(1 + 2 > 2).\n-elif(true).\n-endif.\n",
		"-define(A, ?B).\n-define(B, ?A).\nf() -> ?A.\n",
		"-include_lib(\"eunit/include/eunit.hrl\").\nf_test() -> ?assertEqual(1, 2).\n",
	} {
		f.Add(s)
	}
	// One Reparser for all inputs: its buffers hold the previous
	// input's tokens, which must not leak into the next result.
	var reuseMu sync.Mutex
	var reuse Reparser
	f.Fuzz(func(t *testing.T, src string) {
		// The fuzzer reports a hung worker without its input: say which.
		watchdog := time.AfterFunc(20*time.Second, func() {
			panic(fmt.Sprintf("FuzzPreprocess: input still running after 20s: %q", src))
		})
		defer watchdog.Stop()
		cfg := NewConfig().WithFileReader(func(path string) ([]byte, error) {
			if path == "self.hrl" {
				return []byte(src), nil
			}
			return nil, fs.ErrNotExist
		})
		res := Preprocess(cfg, "m.erl", []byte(src))
		n := int32(len(src))
		within := func(what string, p syntax.Pos) {
			if p.Offset < 0 || p.Offset > n {
				t.Fatalf("%s at offset %d outside the %d-byte input", what, p.Offset, n)
			}
		}
		for _, tk := range res.Tokens {
			if tk.FileIdx == 0 {
				within("token "+tk.String(), tk.Pos)
				within("end of token "+tk.String(), tk.End)
			}
			if tk.MacroIdx != 0 && tk.FileIdx == 0 {
				within("macro origin of "+tk.String(), res.Texts.Macro(&tk))
			}
		}
		for _, e := range res.Errors {
			if e.File == "m.erl" {
				within("error "+e.Msg, e.Pos)
			}
		}
		for _, r := range res.Info.Skipped {
			if r.File == "m.erl" && r.Start.Offset > r.End.Offset {
				t.Fatalf("skipped range %v..%v is backwards", r.Start, r.End)
			}
		}
		syntax.ParseTokens("m.erl", res.Tokens, res.Texts)
		// Writing the output over the input must not change it.
		fresh := preprocess(cfg, "m.erl", []byte(src), false, nil)
		if !slices.Equal(fresh.Tokens, res.Tokens) {
			t.Fatalf("in-place output differs:\n%v\n%v", res.Tokens, fresh.Tokens)
		}
		if !slices.Equal(fresh.Errors, res.Errors) {
			t.Fatalf("in-place errors differ:\n%v\n%v", res.Errors, fresh.Errors)
		}
		reuseMu.Lock()
		reused := reuse.Preprocess(cfg, "m.erl", []byte(src))
		same := slices.Equal(reused.Tokens, res.Tokens) && slices.Equal(reused.Errors, res.Errors)
		reuseMu.Unlock()
		if !same {
			t.Fatalf("a reused Reparser's output differs:\n%v\n%v", reused.Tokens, res.Tokens)
		}
		// The editor's variant keeps broken forms; it must parse too.
		kept := Preprocess(cfg.WithKeepBrokenForms(true), "m.erl", []byte(src))
		if len(kept.Errors) != len(res.Errors) {
			t.Fatalf("keeping broken forms changed the errors: %d, not %d", len(kept.Errors), len(res.Errors))
		}
		syntax.ParseTokens("m.erl", kept.Tokens, kept.Texts)
	})
}
