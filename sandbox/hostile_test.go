package sandbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostile is a program of testdata/hostile and how the sandbox must end it.
type hostile struct {
	file string
	cfg  func(*Config) *Config
	// limit is the LimitError that must stop it, or "" when the program
	// must end in an exception whose formatted text contains exc.
	limit map[Isolation]string
	exc   map[Isolation]string
	// out, when set, is the output the program must have printed.
	out func(t *testing.T, out []byte)
}

func both(s string) map[Isolation]string { return map[Isolation]string{Wasm: s, Native: s} }

var hostilePrograms = []hostile{
	{file: "infinite_loop.erl", cfg: func(c *Config) *Config { return c.WithTimeout(time.Second) }, limit: both("timeout")},
	{file: "doubling_binary.erl", limit: map[Isolation]string{Wasm: "memory"},
		// Native mode has no linear memory: the VM refuses a binary larger
		// than the memory limit, as BEAM does beyond its own limits.
		exc: map[Isolation]string{Native: "a system limit has been reached"}},
	// Go's collector in wasm is slow on a heap of many small objects: a
	// small limit and a long timeout keep this robust on a loaded machine.
	{file: "growing_list.erl", cfg: func(c *Config) *Config { return c.WithMemory(32 << 20).WithTimeout(60 * time.Second) }, limit: both("memory")},
	{file: "deep_recursion.erl", cfg: func(c *Config) *Config { return c.WithMemory(64 << 20) }, limit: both("memory")},
	{file: "atom_bomb.erl", cfg: func(c *Config) *Config { return c.WithAtomLimit(20000) },
		exc: both("a system limit has been reached"),
		out: func(t *testing.T, out []byte) {
			if string(out) != "caught system_limit\n" {
				t.Errorf("output %q: the program must catch system_limit", out)
			}
		}},
	{file: "spawn_bomb.erl", cfg: func(c *Config) *Config { return c.WithMaxProcesses(2000) },
		exc: both("a system limit has been reached"),
		out: func(t *testing.T, out []byte) {
			if string(out) != "caught system_limit\n" {
				t.Errorf("output %q: the program must catch system_limit", out)
			}
		}},
	{file: "mailbox_flood.erl", cfg: func(c *Config) *Config { return c.WithMemory(64 << 20) }, limit: both("memory")},
	// The positive case: a process spinning for ever does not keep main
	// from finishing.
	{file: "runaway.erl",
		out: func(t *testing.T, out []byte) {
			if string(out) != "sum 5000050000\n" {
				t.Errorf("output %q, want main's sum", out)
			}
		}},
	{file: "output_flood.erl", cfg: func(c *Config) *Config { return c.WithMaxOutput(64 << 10) }, limit: both("output"),
		out: func(t *testing.T, out []byte) {
			if len(out) != 64<<10 {
				t.Errorf("%d bytes of output went through, want exactly the limit (65536)", len(out))
			}
		}},
}

// TestHostilePrograms runs each hostile program in each mode: it must be
// stopped with its reason within its time limit plus 2 s, leaving the host
// well and able to run the next sandbox.
func TestHostilePrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile programs take seconds")
	}
	for _, h := range hostilePrograms {
		for _, iso := range modes {
			t.Run(strings.TrimSuffix(h.file, ".erl")+"/"+iso.String(), func(t *testing.T) {
				src, err := os.ReadFile(filepath.Join("testdata", "hostile", h.file))
				if err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				cfg := NewConfig().WithIsolation(iso).WithStdout(&out).WithTimeout(20 * time.Second)
				if h.cfg != nil {
					cfg = h.cfg(cfg)
				}
				resetPeakRSS(t)
				s := startSandbox(t, cfg)
				mod := load(t, s, h.file, string(src))
				start := time.Now()
				_, err = s.Call(context.Background(), mod, "main")
				elapsed := time.Since(start)
				if max := cfg.timeout + 2*time.Second; elapsed > max {
					t.Errorf("stopped after %v, more than its time limit + 2 s", elapsed)
				}
				var le *LimitError
				var exc *Exception
				switch {
				case h.limit[iso] != "":
					if !errors.As(err, &le) || le.Limit != h.limit[iso] {
						t.Fatalf("main() = %v, want the %s limit", err, h.limit[iso])
					}
					if !strings.Contains(err.Error(), h.limit[iso]+" limit") {
						t.Errorf("error %q does not name the limit", err)
					}
				case h.exc[iso] != "":
					if !errors.As(err, &exc) || !strings.Contains(exc.Formatted, h.exc[iso]) {
						t.Fatalf("main() = %v, want an exception with %q", err, h.exc[iso])
					}
				case err != nil:
					t.Fatalf("main() = %v, want it to return", err)
				}
				if h.out != nil {
					h.out(t, out.Bytes())
				}
				peak := procStatus(t, "VmHWM")
				t.Logf("%s: %v after %v, peak RSS %d MiB", iso, err, elapsed.Round(time.Millisecond), peak>>20)
				if peak > 1500<<20 {
					t.Errorf("peak RSS %d MiB, want under 1.5 GB", peak>>20)
				}
			})
		}
	}
	// The host is unharmed: a new sandbox works.
	s := startSandbox(t, NewConfig())
	load(t, s, "hello.erl", helloSrc)
	if _, err := s.Call(context.Background(), "hello", "main"); err != nil {
		t.Errorf("a sandbox after the hostile programs: %v", err)
	}
}

// resetPeakRSS returns the memory of the programs before to the system and
// resets the kernel's peak RSS (VmHWM) so that each program's peak is its
// own.
func resetPeakRSS(t testing.TB) {
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("cannot reset the peak RSS (%v): it covers the earlier programs too", err)
	}
}

// procStatus reads a size field of /proc/self/status in bytes.
func procStatus(t testing.TB, field string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}
