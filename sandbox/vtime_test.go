package sandbox

import (
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

const vtimeSrc = `-module(vt).
-export([main/0]).
main() ->
    Self = self(),
    T0 = erlang:monotonic_time(millisecond),
    spawn(fun() -> timer:sleep(50000), Self ! slow end),
    spawn(fun() -> timer:sleep(20000), Self ! fast end),
    A = receive M1 -> M1 end,
    B = receive M2 -> M2 end,
    {A, B, (erlang:monotonic_time(millisecond) - T0) div 1000}.
`

// TestVirtualTime: with WithVirtualTime a program's timers fire in order
// and its 50 s of sleeping take no real time, while its clock still
// reads 50 s later; in both isolation modes.
func TestVirtualTime(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithVirtualTime(true).WithTimeout(20*time.Second))
			load(t, s, "vt.erl", vtimeSrc)
			v, err := s.Call(within(t, 30*time.Second), "vt", "main")
			if err != nil {
				t.Fatal(err)
			}
			if got := vm.Show(v); got != "{fast,slow,50}" {
				t.Errorf("vt:main() = %s, want {fast,slow,50}", got)
			}
		})
	}
}
