package vm

import (
	"errors"
	"fmt"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const lazyCallerSrc = `-module(lazy).
-export([ext/0, applied/0, extfun/0]).
ext() -> try string:pad("x", 3) of V -> {ok, V} catch C:E -> {C, E} end.
applied() -> try erlang:apply(string, pad, ["x", 3]) of V -> {ok, V} catch C:E -> {C, E} end.
extfun() -> F = fun string:pad/2, try F("x", 3) of V -> {ok, V} catch C:E -> {C, E} end.
`

// TestLazyStdlibPastAtomLimit: when the first call into a stdlib module
// finds too little room in the atom table for its atoms, the module is
// refused whole (the table is as it was) and the caller gets
// error:system_limit, not undef, with a limit_hit event from the calling
// process; whether the module comes from the image or from source, and
// through a remote call, apply and an external fun.
func TestLazyStdlibPastAtomLimit(t *testing.T) {
	for _, fromImage := range []bool{true, false} {
		t.Run(fmt.Sprintf("image=%v", fromImage), func(t *testing.T) {
			const limit = 20000
			var hits []Event
			cfg := NewConfig().WithAtomLimit(limit).WithEvents(func(e Event) {
				if e.Kind == EventLimitHit {
					hits = append(hits, e)
				}
			})
			if fromImage {
				cfg = cfg.WithImage(testStdlibImage(t))
			}
			v := New(cfg)
			if err := v.LoadModule("lazy.erl", []byte(lazyCallerSrc)); err != nil {
				t.Fatal(err)
			}
			// Leave room for one atom: string needs more.
			for i := 0; v.atoms.Len() < limit-1; i++ {
				if _, err := v.atoms.Intern(fmt.Sprintf("filler_%d", i)); err != nil {
					t.Fatal(err)
				}
			}
			before := v.atoms.Len()
			for _, fun := range []string{"ext", "applied", "extfun"} {
				r, err := v.Call("lazy", fun)
				if err != nil || Show(r) != "{error,system_limit}" {
					t.Errorf("lazy:%s() = %s, %v; want {error,system_limit}", fun, Show(r), err)
				}
			}
			// The stack traces' top entry may take the one free place (pad, the
			// called function's name, is not an atom until then); string's
			// own atoms did not go in.
			if got := v.atoms.Len(); got-before > 1 {
				t.Errorf("the refused module left %d atoms in the table", got-before)
			}
			for _, a := range []string{"leading", "trailing"} {
				if _, ok := v.atoms.Existing(a); ok {
					t.Errorf("string's atom %s is in the table", a)
				}
			}
			if len(hits) != 3 {
				t.Fatalf("limit events %+v, want three", hits)
			}
			for _, e := range hits {
				if e.Name != "atoms" || e.Other != limit || e.Pid == 0 {
					t.Errorf("limit event %+v, want atoms (%d) from the caller", e, limit)
				}
			}
			if n, _ := v.ImageLoads(); fromImage && n != 0 {
				t.Errorf("%d modules decoded from the image", n)
			}
			if _, err := v.ImageLoads(); err != nil {
				t.Errorf("the refusal was taken for an image fault: %v", err)
			}
			// From the host: an error naming the limit, and an event from the host.
			_, err := v.Call("string", "pad", term.MakeString("x"), term.MakeInt(3))
			if !errors.Is(err, term.ErrSystemLimit) {
				t.Errorf("string:pad/2 from the host: %v, want the atom limit", err)
			}
			if len(hits) != 4 || hits[3].Pid != 0 {
				t.Errorf("limit events %+v, want a fourth from the host", hits)
			}
		})
	}
}
