package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// manyAtomsSrc is a module with n new atoms, one a line from line 4:
// zz_atom_I is on line I+4.
func manyAtomsSrc(n int) string {
	var b strings.Builder
	b.WriteString("-module(many).\n-export([f/0]).\nf() -> [\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  zz_atom_%d,\n", i)
	}
	b.WriteString("  zz_last].\n")
	return b.String()
}

// TestLoadPastAtomLimit: a module with more new atoms than the atom
// limit allows, loaded with Load or Reload, is refused with a compile
// error at the first atom that did not fit, naming the limit, and a
// LimitHit event from the host; none of its atoms is added, so the
// sandbox stays usable: a module that fits loads and runs (its stdlib
// calls make atoms too). Both isolation modes.
func TestLoadPastAtomLimit(t *testing.T) {
	const limit = 20000
	src := []byte(manyAtomsSrc(limit + 5000))
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			var out strings.Builder
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithAtomLimit(limit).WithStdout(&out))
			events, cancel := s.Subscribe()
			defer cancel()
			ctx := within(t, 60*time.Second)
			var errs []error
			_, err := s.Load(ctx, "many.erl", src)
			errs = append(errs, err)
			_, _, err = s.Reload(ctx, "many.erl", src)
			errs = append(errs, err)
			for i, err := range errs {
				var ce *CompileError
				if !errors.As(err, &ce) || len(ce.Diagnostics) != 1 {
					t.Fatalf("load %d: %T %v, want one compile error", i, err, err)
				}
				d := ce.Diagnostics[0]
				want := fmt.Sprintf("atom 'zz_atom_%d' does not fit in the atom table: atom count limit (%d) exceeded", d.Line-4, limit)
				if d.File != "many.erl" || d.Line < 4 || d.Line > limit+4 || d.Col != 3 || d.Message != want {
					t.Errorf("load %d: %s, want many.erl:L:3 with %q", i, d, want)
				}
			}
			if mod := load(t, s, "hello.erl", helloSrc); mod != "hello" {
				t.Fatalf("loaded %q", mod)
			}
			if _, err := s.Call(ctx, "hello", "main"); err != nil || out.String() != "hello, world\n" {
				t.Fatalf("hello:main() after the refused module: %v, output %q", err, out.String())
			}
			if ok, err := s.Call(ctx, "erlang", "list_to_atom", term.MakeList(term.MakeInt('z'))); err != nil || vm.Show(ok) != "z" {
				t.Errorf("list_to_atom(\"z\") = %s, %v", vm.Show(ok), err)
			}
			var hits []string
			for _, ev := range limitHits(ctx, t, events, term.Term{}, "the host (none)", "many") {
				hits = append(hits, ev.Name+": "+ev.Err.Error())
			}
			want := fmt.Sprintf("atoms: atom count limit (%d) exceeded", limit)
			if hits[0] != want || hits[1] != want {
				t.Errorf("limit events %q, want two of %q", hits, want)
			}
			if err := s.Err(); err != nil {
				t.Errorf("the sandbox ended: %v", err)
			}
		})
	}
}

// limitHits returns the next two LimitHit events from events, failing t
// if one comes from a process other than from (described by fromDesc),
// if module is loaded meanwhile, or if the sandbox stops or ctx ends
// first.
func limitHits(ctx context.Context, t *testing.T, events <-chan Event, from term.Term, fromDesc, module string) []Event {
	t.Helper()
	var hits []Event
	for len(hits) < 2 {
		select {
		case ev := <-events:
			switch ev.Kind {
			case LimitHit:
				if ev.Pid != from {
					t.Errorf("%s: from %s, want %s", ev.Name, vm.Show(ev.Pid), fromDesc)
				}
				hits = append(hits, ev)
			case ModuleLoaded:
				if ev.Module == module {
					t.Errorf("%s was loaded", module)
				}
			case Stopped:
				t.Fatalf("stopped: %v", ev.Err)
			}
		case <-ctx.Done():
			t.Fatalf("%d limit events, want two", len(hits))
		}
	}
	return hits
}
