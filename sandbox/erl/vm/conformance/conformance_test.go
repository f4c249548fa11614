//go:build conformance_wip

package conformance

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// TestConformance runs every program in otpbox's VM through the same runner
// real Erlang ran when its golden was recorded, and compares the output.
func TestConformance(t *testing.T) {
	runner, progs, err := Load(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, p := range progs {
		ok := t.Run(p.Name, func(t *testing.T) {
			var out bytes.Buffer
			m := vm.New(vm.NewConfig().WithStdout(&out).WithStderr(&out))
			if err := m.LoadModule(RunnerModule+".erl", runner); err != nil {
				t.Fatalf("loading the runner: %v", err)
			}
			if err := m.LoadModule(p.Name+".erl", p.Source); err != nil {
				t.Fatalf("loading %s.erl: %v", p.Name, err)
			}
			// The runner catches the program's exceptions itself; one
			// escaping it is a VM bug.
			if _, err := m.Call(RunnerModule, "run", term.MakeAtom(p.Name)); err != nil {
				var exc *vm.Exception
				if errors.As(err, &exc) {
					t.Fatalf("the runner raised: %v", exc)
				}
				t.Fatalf("running: %v", err)
			}
			if d := Diff(string(p.Golden), out.String()); d != "" {
				t.Errorf("output differs from %s.golden (- want, + got):\n%s", p.Name, d)
			}
		})
		if ok {
			passed++
		}
	}
	t.Logf("conformance: %d of %d programs pass", passed, len(progs))
}
