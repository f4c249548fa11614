package sandbox

import (
	"errors"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// lazyAtomsSrc fills the atom table, then makes the first call into
// string (the stdlib module the program had not used yet, loaded on that
// call: decoded from the image, or compiled where there is none), whose
// atoms no longer fit.
const lazyAtomsSrc = `-module(lazy).
-export([main/0]).
main() ->
    N = fill(0),
    R = try string:pad("x", 3) of V -> {ok, V} catch C:E -> {C, E} end,
    {N > 0, R, self()}.
fill(N) ->
    try list_to_atom("lazy_atom_" ++ integer_to_list(N)) of
        _ -> fill(N + 1)
    catch error:system_limit -> N
    end.
`

// TestLazyStdlibPastAtomLimit: a program that has used up the atom table
// and then calls a stdlib module for the first time gets system_limit in
// the caller, as for any atom it cannot make (not undef), and a LimitHit
// event naming the atom limit from that process, beside the one its own
// list_to_atom earned; the sandbox goes on. Both isolation modes.
func TestLazyStdlibPastAtomLimit(t *testing.T) {
	const limit = 30000
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithAtomLimit(limit))
			events, cancel := s.Subscribe()
			defer cancel()
			ctx := within(t, 60*time.Second)
			load(t, s, "lazy.erl", lazyAtomsSrc)
			v, err := s.Call(ctx, "lazy", "main")
			if err != nil || v.Kind() != term.KindTuple || v.TupleLen() != 3 {
				t.Fatalf("lazy:main() = %s, %v", vm.Show(v), err)
			}
			if got := vm.Show(v.Elem(0)) + " " + vm.Show(v.Elem(1)); got != "true {error,system_limit}" {
				t.Errorf("the first call into string with the atom table full gave %s, want true {error,system_limit}", got)
			}
			caller := v.Elem(2)
			var hits []string
			for _, ev := range limitHits(ctx, t, events, caller, "the caller "+vm.Show(caller), "string") {
				var le *LimitError
				if !errors.As(ev.Err, &le) {
					t.Fatalf("LimitHit's Err is %T %v", ev.Err, ev.Err)
				}
				hits = append(hits, ev.Name+": "+le.Error())
			}
			want := "atoms: atom count limit (30000) exceeded"
			if hits[0] != want || hits[1] != want {
				t.Errorf("limit events %q, want two of %q", hits, want)
			}
			// The sandbox goes on: a loaded module still runs.
			if v, err := s.Call(ctx, "lists", "reverse", term.MakeList(term.MakeInt(1), term.MakeInt(2))); err != nil || vm.Show(v) != "[2,1]" {
				t.Errorf("lists:reverse([1,2]) after the refusal = %s, %v", vm.Show(v), err)
			}
			if err := s.Err(); err != nil {
				t.Errorf("the sandbox ended: %v", err)
			}
		})
	}
}
