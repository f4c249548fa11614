package sandbox

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// testManager is shared by the package's tests: the guest is compiled
// (or read from the cache) once.
var testManager = NewManager(nil)

var modes = []Isolation{Wasm, Native}

// startSandbox starts a sandbox, ending the test through testenv when the
// guest module was not built (a wasm sandbox needs `make guest`).
func startSandbox(t testing.TB, cfg *Config) *Sandbox {
	t.Helper()
	s, err := testManager.New(context.Background(), cfg)
	if errors.Is(err, ErrGuestNotBuilt) {
		testenv.Missing(t, "%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func load(t testing.TB, s *Sandbox, path string, src string) string {
	t.Helper()
	mod, err := s.Load(context.Background(), path, []byte(src))
	if err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
	return mod
}

const helloSrc = `-module(hello).
-export([main/0, add/2, crash/0, loop/0]).
main() -> io:format("hello, ~s~n", ["world"]), {ok, [1.5, <<"bin">>, #{a => 1}]}.
add(X, Y) -> X + Y.
crash() ->
    X = length([a, b]),
    1 = X.
loop() -> loop().
`

func TestLoadCallOutput(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			var out bytes.Buffer
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithStdout(&out))
			events, cancel := s.Subscribe()
			defer cancel()
			if mod := load(t, s, "hello.erl", helloSrc); mod != "hello" {
				t.Fatalf("Load returned module %q", mod)
			}
			v, err := s.Call(context.Background(), "hello", "main")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := vm.Show(v), `{ok,[1.5,<<"bin">>,#{a => 1}]}`; got != want {
				t.Errorf("main() = %s, want %s", got, want)
			}
			if out.String() != "hello, world\n" {
				t.Errorf("stdout = %q", out.String())
			}
			v, err = s.Call(context.Background(), "hello", "add", term.MakeInt(1<<62), term.MakeInt(1))
			if err != nil || vm.Show(v) != "4611686018427387905" {
				t.Errorf("add(1 bsl 62, 1) = %s, %v", vm.Show(v), err)
			}
			// The event stream saw the load and the output.
			var kinds []string
			for len(events) > 0 {
				ev := <-events
				switch ev.Kind {
				case ModuleLoaded:
					kinds = append(kinds, "loaded "+ev.Module)
				case Output:
					kinds = append(kinds, ev.Stream+" "+string(ev.Data))
				}
			}
			if got := strings.Join(kinds, "|"); got != "loaded hello|stdout hello, world\n" {
				t.Errorf("events: %q", got)
			}
		})
	}
}

func TestExceptions(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			load(t, s, "hello.erl", helloSrc)
			_, err := s.Call(context.Background(), "hello", "crash")
			var exc *Exception
			if !errors.As(err, &exc) {
				t.Fatalf("crash() = %v, want an exception", err)
			}
			want := "** exception error: no match of right hand side value 2\n" +
				"     in function  hello:crash/0 (hello.erl, line 7)"
			if exc.Formatted != want {
				t.Errorf("formatted:\n%s\nwant:\n%s", exc.Formatted, want)
			}
			if vm.Show(exc.Reason) != "{badmatch,2}" || !exc.Class.IsAtom("error") {
				t.Errorf("class %s reason %s", vm.Show(exc.Class), vm.Show(exc.Reason))
			}
			_, err = s.Call(context.Background(), "nosuchmod", "f", term.MakeInt(1))
			if !errors.As(err, &exc) || exc.Formatted != "** exception error: undefined function nosuchmod:f/1" {
				t.Errorf("undefined function: %v", err)
			}
			// The sandbox survives its program's exceptions.
			if v, err := s.Call(context.Background(), "hello", "add", term.MakeInt(2), term.MakeInt(3)); err != nil || vm.Show(v) != "5" {
				t.Errorf("after the exceptions: %s, %v", vm.Show(v), err)
			}
		})
	}
}

func TestCompileErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "defs.hrl"), []byte("-define(TWO, 2).\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithIncludeDirs(dir))
			_, err := s.Load(context.Background(), "bad.erl", []byte("-module(bad).\n-export([f/0]).\nf() -> X.\ng( -> ok.\n"))
			var ce *CompileError
			if !errors.As(err, &ce) {
				t.Fatalf("Load = %v, want a CompileError", err)
			}
			got := ce.Error()
			for _, want := range []string{"bad.erl:3:8: error: variable 'X' is unbound", "bad.erl:4:"} {
				if !strings.Contains(got, want) {
					t.Errorf("compile errors:\n%s\nwant a line with %q", got, want)
				}
			}
			// Include files come from the host's directories.
			load(t, s, "inc.erl", "-module(inc).\n-export([two/0]).\n-include(\"defs.hrl\").\ntwo() -> ?TWO.\n")
			if v, err := s.Call(context.Background(), "inc", "two"); err != nil || vm.Show(v) != "2" {
				t.Errorf("inc:two() = %s, %v", vm.Show(v), err)
			}
			big := strings.Repeat("%", DefaultMaxModuleSize+1)
			var le *LimitError
			if _, err := s.Load(context.Background(), "big.erl", []byte(big)); !errors.As(err, &le) || le.Limit != "module size" {
				t.Errorf("a 4 MiB module: %v, want the module size limit", err)
			}
		})
	}
}

func TestTimeoutStopsLoop(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithTimeout(300*time.Millisecond))
			load(t, s, "hello.erl", helloSrc)
			_, err := s.Call(context.Background(), "hello", "loop")
			var le *LimitError
			if !errors.As(err, &le) || le.Limit != "timeout" {
				t.Fatalf("loop() = %v, want the timeout limit", err)
			}
			if !strings.Contains(err.Error(), "timeout limit (300ms) exceeded") {
				t.Errorf("error %q does not name the limit", err)
			}
			if _, err := s.Call(context.Background(), "hello", "main"); !errors.As(err, &le) {
				t.Errorf("a stopped sandbox answered: %v", err)
			}
		})
	}
}

func TestContextCancelStops(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			load(t, s, "hello.erl", helloSrc)
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			if _, err := s.Call(ctx, "hello", "loop"); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("loop() = %v, want the context's error", err)
			}
		})
	}
}

// TestStuckGuest: a guest stuck in Go code (never reaching a reduction
// slice) is still stopped, by wazero's interruption checks.
func TestStuckGuest(t *testing.T) {
	m := NewManager(NewManagerConfig().WithInterruptible(true))
	defer m.Close(context.Background())
	cfg := NewConfig()
	cfg.testHooks = true
	s, err := m.New(context.Background(), cfg)
	if errors.Is(err, ErrGuestNotBuilt) {
		testenv.Missing(t, "%v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	go s.request(context.Background(), term.MakeTuple(term.MakeAtom("$hang")), 0)
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("closing a stuck guest took %v", d)
	}
	if !errors.Is(s.Err(), ErrClosed) {
		t.Errorf("Err = %v, want ErrClosed", s.Err())
	}
}

// TestGuestPanic: a Go panic in the VM ends its sandbox with the reason;
// the host and the other sandboxes carry on.
func TestGuestPanic(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			cfg := NewConfig().WithIsolation(iso)
			cfg.testHooks = true
			bad := startSandbox(t, cfg)
			good := startSandbox(t, NewConfig().WithIsolation(iso))
			load(t, good, "hello.erl", helloSrc)
			_, err := bad.request(context.Background(), term.MakeTuple(term.MakeAtom("$panic")), 0)
			var ce *CrashError
			if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "a deliberate panic in the guest") {
				t.Fatalf("panic: %v, want a CrashError with the panic", err)
			}
			if v, err := good.Call(context.Background(), "hello", "add", term.MakeInt(1), term.MakeInt(1)); err != nil || vm.Show(v) != "2" {
				t.Errorf("the other sandbox: %s, %v", vm.Show(v), err)
			}
		})
	}
}

// TestConcurrentUse: several goroutines (a language server and a debug
// adapter) use one sandbox at once: calls run side by side while other
// modules load. (Reloading the called module twice while a call runs
// would purge the version it runs and kill it, as BEAM's code server
// does: see TestReload.)
func TestConcurrentUse(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			load(t, s, "hello.erl", helloSrc)
			var wg sync.WaitGroup
			errs := make(chan error, 64)
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := 0; i < 20; i++ {
						v, err := s.Call(context.Background(), "hello", "add", term.MakeInt(int64(g)), term.MakeInt(int64(i)))
						if err != nil {
							errs <- err
							return
						}
						if n, _ := v.Int(); n != int64(g+i) {
							errs <- errors.New("wrong sum " + vm.Show(v))
							return
						}
						if i%5 == 0 {
							if _, err := s.Load(context.Background(), "other.erl", []byte("-module(other).\n-export([f/0]).\nf() -> ok.\n")); err != nil {
								errs <- err
								return
							}
						}
					}
				}(g)
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"256MiB": 256 << 20, "1GiB": 1 << 30, "512KiB": 512 << 10, "1000": 1000, "10MB": 10e6, "0": 0} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5GiB", "12XB", "99999999999GiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) accepted", in)
		}
	}
	if FormatSize(256<<20) != "256MiB" || FormatSize(1000) != "1000 bytes" {
		t.Errorf("FormatSize: %s, %s", FormatSize(256<<20), FormatSize(1000))
	}
}

func makeInt(n int64) term.Term { return term.MakeInt(n) }

// TestCloseReturnsMemory creates and closes 1,000 sandboxes, each after a
// call that allocates: the resident memory after the last must be about
// what it was after the first hundred.
func TestCloseReturnsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 sandboxes take seconds")
	}
	// The program allocates a little (a 1,000-element list) without the
	// standard library, whose modules each sandbox would compile afresh.
	const src = "-module(alloc).\n-export([main/0]).\nmain() -> len(build(1000), 0).\n" +
		"build(0) -> [];\nbuild(N) -> [N | build(N - 1)].\nlen([], N) -> N;\nlen([_ | T], N) -> len(T, N + 1).\n"
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			var rss100 int64
			for i := 1; i <= 1000; i++ {
				// Not startSandbox: its cleanup would keep every sandbox.
				s, err := testManager.New(context.Background(), NewConfig().WithIsolation(iso))
				if errors.Is(err, ErrGuestNotBuilt) {
					testenv.Missing(t, "%v", err)
				}
				if err != nil {
					t.Fatal(err)
				}
				load(t, s, "alloc.erl", src)
				if v, err := s.Call(context.Background(), "alloc", "main"); err != nil || vm.Show(v) != "1000" {
					t.Fatalf("sandbox %d: %s, %v", i, vm.Show(v), err)
				}
				if err := s.Close(); err != nil {
					t.Fatal(err)
				}
				if i == 100 || i == 1000 {
					runtime.GC()
					debug.FreeOSMemory()
					rss := procStatus(t, "VmRSS")
					if i == 100 {
						rss100 = rss
						continue
					}
					t.Logf("RSS after 100 sandboxes: %d MiB, after 1,000: %d MiB", rss100>>20, rss>>20)
					if rss > rss100+64<<20 {
						t.Errorf("RSS grew from %d MiB to %d MiB over 900 closed sandboxes", rss100>>20, rss>>20)
					}
				}
			}
		})
	}
}

const procSrc = `-module(procs).
-export([worker/1, ping/1]).
%% worker(Name) prints a line each time it gets a message.
worker(Name) ->
    receive
        stop -> io:format("~s stops~n", [Name]);
        Msg -> io:format("~s got ~p~n", [Name, Msg]), worker(Name)
    end.
%% ping(Pid) sends Pid a message and returns.
ping(Pid) -> Pid ! ping, ok.
`

func TestSpawnKillProcesses(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			var out bytes.Buffer
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithStdout(&out))
			load(t, s, "procs.erl", procSrc)
			ctx := context.Background()
			pid, err := s.Spawn(ctx, "procs", "worker", term.MakeString("w1"))
			if err != nil || pid.Kind() != term.KindPid {
				t.Fatalf("Spawn = %s, %v", vm.Show(pid), err)
			}
			if n, err := s.ProcessCount(ctx); err != nil || n != 1 {
				t.Errorf("ProcessCount = %d, %v, want 1", n, err)
			}
			if _, err := s.Call(ctx, "procs", "ping", pid); err != nil {
				t.Fatal(err)
			}
			if alive, err := s.Alive(ctx, pid); err != nil || !alive {
				t.Errorf("Alive = %v, %v", alive, err)
			}
			if err := s.Kill(ctx, pid); err != nil {
				t.Fatal(err)
			}
			if alive, err := s.Alive(ctx, pid); err != nil || alive {
				t.Errorf("after Kill: Alive = %v, %v", alive, err)
			}
			if err := s.Kill(ctx, pid); err == nil {
				t.Errorf("killing a dead process succeeded")
			}
			if out.String() != "w1 got ping\n" {
				t.Errorf("output %q", out.String())
			}
		})
	}
}
