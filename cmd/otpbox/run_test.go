package main

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox"
)

var isolations = []string{"wasm", "native"}

// needGuest ends a test that runs wasm sandboxes when the guest module
// was not built (`make guest`): a skip, or a failure in CI.
func needGuest(t *testing.T, iso string) {
	t.Helper()
	if iso != "wasm" {
		return
	}
	if err := sandbox.GuestBuilt(); err != nil {
		testenv.Missing(t, "%v", err)
	}
}

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunPrintsAndExits(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "hello.erl", "-module(hello).\n-export([main/0, other/0]).\nmain() -> io:format(\"Hello, ~s! ~p~n\", [\"world\", {1, 2.5}]).\nother() -> io:format(\"other~n\").\n")
	writeFile(t, dir, "crash_report.erl", "-module(crash_report).\n-export([main/0]).\nmain() ->\n    1 = length([a, b]),\n    ok.\n")
	writeFile(t, dir, "bad.erl", "-module(bad).\n-export([main/0]).\nmain() -> X.\n")
	writeFile(t, dir, "flood.erl", "-module(flood).\n-export([main/0]).\nmain() -> io:format(\"0123456789~n\"), main().\n")
	writeFile(t, dir, "spin.erl", "-module(spin).\n-export([main/0]).\nmain() -> main().\n")
	// As `erl -noshell -eval 'halt:main(), halt().'`: "bye", status 3 (and
	// halt(300) exits 44, the status's low byte, in both).
	writeFile(t, dir, "halt.erl", "-module(halt).\n-export([main/0, big/0]).\nmain() -> io:format(\"bye~n\"), erlang:halt(3), io:format(\"never~n\").\nbig() -> halt(300).\n")
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			cases := []struct {
				args           []string
				status         int
				stdout, stderr string
			}{
				{[]string{"hello.erl"}, 0, "Hello, world! {1,2.5}\n", ""},
				{[]string{"--call", "hello:other", "hello.erl"}, 0, "other\n", ""},
				{[]string{"crash_report.erl"}, 1, "", "** exception error: no match of right hand side value 2\n     in function  crash_report:main/0 (crash_report.erl, line 4)\n"},
				{[]string{"bad.erl"}, 1, "", "bad.erl:3:11: error: variable 'X' is unbound\n"},
				{[]string{"--max-output", "1KiB", "flood.erl"}, 3, strings.Repeat("0123456789\n", 94)[:1024], "otpbox: sandbox stopped: output limit (1KiB) exceeded\n"},
				{[]string{"--timeout", "200ms", "spin.erl"}, 3, "", "otpbox: sandbox stopped: timeout limit (200ms) exceeded\n"},
				{[]string{"--call", "hello:nope", "hello.erl"}, 1, "", "** exception error: undefined function hello:nope/0\n"},
				{[]string{"halt.erl"}, 3, "bye\n", ""},
				{[]string{"--call", "halt:big", "halt.erl"}, 44, "", ""},
			}
			for _, c := range cases {
				st, out, errOut := runCLI(t, append([]string{"run", "--isolation", iso}, c.args...)...)
				if st != c.status || out != c.stdout || errOut != c.stderr {
					t.Errorf("otpbox run %s: status %d, stdout %q, stderr %q; want %d, %q, %q",
						strings.Join(c.args, " "), st, out, errOut, c.status, c.stdout, c.stderr)
				}
			}
		})
	}
}

func TestRunUsageErrors(t *testing.T) {
	dir := t.TempDir()
	hello := writeFile(t, dir, "hello.erl", "-module(hello).\n-export([main/0]).\nmain() -> ok.\n")
	for _, args := range [][]string{
		{},
		{"--isolation", "docker", hello},
		{"--memory", "lots", hello},
		{"--max-output", "-1", hello},
		{"--max-processes", "0", hello},
		{"--call", "nocolon", hello},
		{filepath.Join(dir, "missing.erl")},
	} {
		st, _, errOut := runCLI(t, append([]string{"run"}, args...)...)
		if st != 2 || errOut == "" {
			t.Errorf("otpbox run %s: status %d, stderr %q; want 2 and a message", strings.Join(args, " "), st, errOut)
		}
	}
}

// TestRunConformance runs the VM conformance suite through otpbox run in
// both isolation modes (all of it natively, a sample in wasm): every
// program the VM passes must print exactly its golden (what real
// Erlang/OTP 25 printed).
func TestRunConformance(t *testing.T) {
	dir, err := filepath.Abs("../../sandbox/erl/vm/conformance/testdata")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	f, err := os.Open(filepath.Join(dir, "known_failures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			known[l] = true
		}
	}
	f.Close()
	progs, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
	var names []string
	for _, p := range progs {
		if n := strings.TrimSuffix(filepath.Base(p), ".golden"); !known[n] {
			names = append(names, n)
		}
	}
	if len(names) < 100 {
		t.Fatalf("only %d passing conformance programs found in %s", len(names), dir)
	}
	// The programs are compiled from inside testdata as NAME.erl, as the
	// goldens' stack traces name them; the wrapper calls the runner.
	t.Chdir(dir)
	wrapDir := t.TempDir()
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			for i, n := range names {
				// Each wasm run starts the CLI afresh, reading the compiled
				// guest from the cache (~0.15 s): a sample of every fifth
				// program keeps the suite fast, OTPBOX_CONFORMANCE_ALL=1
				// runs them all.
				if iso == "wasm" && i%5 != 0 && os.Getenv("OTPBOX_CONFORMANCE_ALL") != "1" {
					continue
				}
				wrap := writeFile(t, wrapDir, "conf_wrap_"+n+".erl",
					"-module(conf_wrap_"+n+").\n-export([main/0]).\nmain() -> conformance_runner:run("+n+").\n")
				// No wall-clock limit here: on a loaded 2-core machine a
				// 10-million-iteration loop in wasm can pass run's 30 s
				// default; the limits have tests of their own. Virtual
				// time, as the VM's own suite runs them: on the real clock
				// a timer program's output depends on the machine's load
				// (timer_send_interval saw {stopped,false} at load 11).
				st, out, errOut := runCLI(t, "run", "--isolation", iso, "--timeout", "10m", "--virtual-time", wrap, "conformance_runner.erl", n+".erl")
				want, err := os.ReadFile(n + ".golden")
				if err != nil {
					t.Fatal(err)
				}
				if st != 0 || out != string(want) {
					t.Errorf("%s: status %d, stderr %q, output differs from the golden:\n%s", n, st, errOut, diffLines(string(want), out))
				}
			}
		})
	}
}

// diffLines shows the first line where got differs from want.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n want " + wl + "\n  got " + gl
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestDedicatedGC: run and test set the collector for a native sandbox
// only, and never over the user's own GOGC or GOMEMLIMIT.
func TestDedicatedGC(t *testing.T) {
	cases := []struct {
		iso, gogc string
		want      int
	}{
		{"native", "", 400},
		{"wasm", "", 100},
		{"native", "200", 100},
	}
	for _, c := range cases {
		e := &env{getenv: func(k string) string {
			if k == "GOGC" {
				return c.gogc
			}
			return ""
		}}
		f := sandboxFlags{isolation: c.iso, memory: "64MiB"}
		restore := f.dedicatedGC(e)
		got := debug.SetGCPercent(100)
		debug.SetGCPercent(got)
		restore()
		if got != c.want {
			t.Errorf("isolation %s, GOGC=%q: GOGC set to %d, want %d", c.iso, c.gogc, got, c.want)
		}
		if now := debug.SetGCPercent(100); now != 100 {
			t.Errorf("isolation %s: GOGC after restore = %d, want 100", c.iso, now)
		}
	}
}
