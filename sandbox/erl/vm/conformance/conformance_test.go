package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// TestConformance runs every program in otpbox's VM through the same runner
// real Erlang ran when its golden was recorded, and compares the output.
//
// testdata/known_failures.txt is a ratchet: a program listed there may
// fail (its subtest still logs the diff), and a listed program that passes
// fails the test until it is removed from the list, so the list only
// shrinks. OTPBOX_UPDATE_KNOWN=1 rewrites it from the current results.
func TestConformance(t *testing.T) {
	runner, progs, err := Load(os.DirFS("testdata"))
	if err != nil {
		t.Fatal(err)
	}
	known, err := readKnown("testdata/known_failures.txt")
	if err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, p := range progs {
		var out bytes.Buffer
		problem := runProgram(runner, p, &out)
		if problem == "" {
			if d := Diff(string(p.Golden), out.String()); d != "" {
				problem = "output differs from " + p.Name + ".golden (- want, + got):\n" + d
			}
		}
		t.Run(p.Name, func(t *testing.T) {
			switch {
			case problem != "" && known[p.Name]:
				t.Logf("known failure: %s", problem)
			case problem != "":
				t.Error(problem)
			case known[p.Name]:
				t.Errorf("passes now: remove it from testdata/known_failures.txt")
			}
		})
		if problem != "" {
			failing = append(failing, p.Name)
		}
	}
	t.Logf("conformance: %d of %d programs pass", len(progs)-len(failing), len(progs))
	if os.Getenv("OTPBOX_UPDATE_KNOWN") == "1" {
		sort.Strings(failing)
		data := "# Conformance programs the VM does not pass yet (see conformance_test.go).\n" + strings.Join(failing, "\n") + "\n"
		if err := os.WriteFile("testdata/known_failures.txt", []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runProgram loads the runner and p into a fresh VM and runs p, writing
// its output to out; it returns a description of what went wrong outside
// the program's own output, or "".
func runProgram(runner []byte, p Program, out *bytes.Buffer) (problem string) {
	defer func() {
		if r := recover(); r != nil {
			problem = fmt.Sprint("the VM panicked: ", r)
		}
	}()
	m := vm.New(vm.NewConfig().WithStdout(out).WithVirtualTime(true))
	if err := m.LoadModule(RunnerModule+".erl", runner); err != nil {
		return "loading the runner: " + err.Error()
	}
	if err := m.LoadModule(p.Name+".erl", p.Source); err != nil {
		return "loading " + p.Name + ".erl: " + err.Error()
	}
	// The runner catches the program's exceptions itself; one escaping it
	// is a VM bug.
	if _, err := m.Call(RunnerModule, "run", term.MakeAtom(p.Name)); err != nil {
		var exc *vm.Exception
		if errors.As(err, &exc) {
			return "the runner raised: " + exc.Error()
		}
		return "running: " + err.Error()
	}
	return ""
}

// readKnown reads the known-failures list: one program name a line,
// # comments.
func readKnown(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			known[line] = true
		}
	}
	return known, nil
}
