package sandbox

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

const catchLimitsSrc = `-module(lim).
-export([procs/0, atoms/0]).
procs() -> procs(0).
procs(N) ->
    try spawn(fun() -> receive stop -> ok end end) of
        _ -> procs(N + 1)
    catch error:system_limit -> {caught, N}
    end.
atoms() -> atoms(0).
atoms(N) ->
    try list_to_atom("lim_atom_" ++ integer_to_list(N)) of
        _ -> atoms(N + 1)
    catch error:system_limit -> {caught, N}
    end.
`

// TestCatchableLimitEvents: reaching the process count or the atom
// count raises system_limit, which the program catches, and publishes a
// LimitHit event naming the limit, from the refused process, without
// stopping the sandbox; in both isolation modes.
func TestCatchableLimitEvents(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			const maxProcs, maxAtoms = 6, 60000
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithMaxProcesses(maxProcs).WithAtomLimit(maxAtoms))
			events, cancel := s.Subscribe()
			defer cancel()
			ctx := within(t, 60*time.Second)
			load(t, s, "lim.erl", catchLimitsSrc)
			var callers []term.Term
			for _, fun := range []string{"procs", "atoms"} {
				v, err := s.Call(ctx, "lim", fun)
				if err != nil || !strings.HasPrefix(vm.Show(v), "{caught,") {
					t.Fatalf("lim:%s() = %s, %v", fun, vm.Show(v), err)
				}
				if fun == "procs" && vm.Show(v) != "{caught,5}" { // the caller is the sixth
					t.Errorf("lim:procs() = %s, want {caught,5}", vm.Show(v))
				}
			}
			// The sandbox goes on after both: a call still runs.
			if _, err := s.Call(ctx, "erlang", "self"); err != nil {
				t.Fatalf("a call after the limits: %v", err)
			}
			var hits []string
			for len(hits) < 2 {
				select {
				case ev, ok := <-events:
					if !ok {
						t.Fatalf("the event stream ended; limit events: %q", hits)
					}
					switch ev.Kind {
					case ProcessStarted:
						if ev.Parent == (term.Term{}) {
							callers = append(callers, ev.Pid)
						}
					case Stopped:
						t.Fatalf("the sandbox stopped: %v", ev.Err)
					case LimitHit:
						var le *LimitError
						if !errors.As(ev.Err, &le) {
							t.Fatalf("LimitHit's Err is %T %v", ev.Err, ev.Err)
						}
						if len(callers) == 0 || ev.Pid != callers[len(callers)-1] {
							t.Errorf("%s: from %s, want the calling process %v", ev.Name, vm.Show(ev.Pid), callers)
						}
						hits = append(hits, ev.Name+": "+le.Error())
					}
				case <-ctx.Done():
					t.Fatalf("no limit events; got %q", hits)
				}
			}
			want := []string{"processes: process count limit (6) exceeded", "atoms: atom count limit (60000) exceeded"}
			if strings.Join(hits, "|") != strings.Join(want, "|") {
				t.Errorf("limit events %q, want %q", hits, want)
			}
			if err := s.Err(); err != nil {
				t.Errorf("the sandbox ended: %v", err)
			}
		})
	}
}
