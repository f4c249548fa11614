package sandbox

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// within gives a request a deadline, so that a request the sandbox does
// not answer fails the test (a cancelled request stops the sandbox)
// instead of hanging it.
func within(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// findProcess waits until a process whose initial call is mfa is alive.
func findProcess(t testing.TB, s *Sandbox, mfa string) ProcessInfo {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		ps, err := s.Processes(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.InitialCall == mfa {
				return p
			}
		}
	}
	t.Fatalf("no process %s", mfa)
	return ProcessInfo{}
}

// TestCommandsWhileCallRuns: while a call loops for ever, the sandbox
// answers other requests at once (between reduction slices), runs a
// second call beside it, and kills the looping process, which ends the
// first call with exit:killed.
func TestCommandsWhileCallRuns(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			load(t, s, "hello.erl", helloSrc)
			type result struct {
				v   term.Term
				err error
			}
			looping := make(chan result, 1)
			go func() {
				v, err := s.Call(context.Background(), "hello", "loop")
				looping <- result{v, err}
			}()
			p := findProcess(t, s, "hello:loop/0")
			if p.Status != "running" && p.Status != "runnable" {
				t.Errorf("looping process status %q", p.Status)
			}
			if n, err := s.ProcessCount(within(t, 10*time.Second)); err != nil || n < 1 {
				t.Errorf("ProcessCount = %d, %v", n, err)
			}
			v, err := s.Call(within(t, 10*time.Second), "hello", "add", term.MakeInt(2), term.MakeInt(3))
			if n, _ := v.Int(); err != nil || n != 5 {
				t.Errorf("add(2, 3) beside the loop = %s, %v", vm.Show(v), err)
			}
			select {
			case r := <-looping:
				t.Fatalf("loop() returned %s, %v", vm.Show(r.v), r.err)
			default:
			}
			if err := s.Kill(within(t, 10*time.Second), term.MakePid(p.Pid)); err != nil {
				t.Fatal(err)
			}
			select {
			case r := <-looping:
				var exc *Exception
				if !errors.As(r.err, &exc) || !exc.Class.IsAtom("exit") || !exc.Reason.IsAtom("killed") {
					t.Errorf("killed loop() returned %s, %v; want exit:killed", vm.Show(r.v), r.err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the killed call did not return")
			}
			if alive, err := s.Alive(within(t, 10*time.Second), term.MakePid(p.Pid)); err != nil || alive {
				t.Errorf("Alive after Kill = %v, %v", alive, err)
			}
		})
	}
}

// counterSrc is a server that keeps a count; version/0 is called locally
// (the running version's) and loop/1 remotely (the newest version's).
const counterSrc = `-module(counter).
-export([start/0, loop/1, bump/1, get/1]).
start() -> spawn(fun() -> loop(0) end).
loop(N) ->
    receive
        {bump, From} -> From ! {ok, N + 1}, counter:loop(N + 1);
        {get, From} -> From ! {value, N, version()}, counter:loop(N)
    end.
bump(P) -> P ! {bump, self()}, receive {ok, N} -> N end.
get(P) -> P ! {get, self()}, receive {value, _, _} = R -> R end.
version() -> 1.
`

// TestReload: a counter server keeps its count across a hot reload; the
// message it was waiting for is handled by the old version, the next by
// the new one, as BEAM does. A reload that does not compile changes
// nothing and reports positions.
func TestReload(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			ctx := within(t, 30*time.Second)
			mod, version, err := s.Reload(ctx, "counter.erl", []byte(counterSrc))
			if err != nil || mod != "counter" || version != 1 {
				t.Fatalf("first Reload = %q, %d, %v", mod, version, err)
			}
			pid, err := s.Call(ctx, "counter", "start")
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 3; i++ {
				if _, err := s.Call(ctx, "counter", "bump", pid); err != nil {
					t.Fatal(err)
				}
			}
			v2 := strings.Replace(counterSrc, "version() -> 1.", "version() -> 2.", 1)
			if mod, version, err = s.Reload(ctx, "counter.erl", []byte(v2)); err != nil || mod != "counter" || version != 2 {
				t.Fatalf("Reload = %q, %d, %v", mod, version, err)
			}
			var got []string
			for i := 0; i < 2; i++ {
				v, err := s.Call(ctx, "counter", "get", pid)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, vm.Show(v))
			}
			if strings.Join(got, " ") != "{value,3,1} {value,3,2}" {
				t.Errorf("after reload: %v; want the count kept, then the new version answering", got)
			}
			_, _, err = s.Reload(ctx, "counter.erl", []byte(strings.Replace(counterSrc, "version() -> 1.", "version() -> X.", 1)))
			var ce *CompileError
			if !errors.As(err, &ce) || len(ce.Diagnostics) != 1 || ce.Diagnostics[0].Line != 11 || ce.Diagnostics[0].Col == 0 {
				t.Fatalf("bad reload: %v", err)
			}
			if v, err := s.Call(ctx, "counter", "get", pid); err != nil || vm.Show(v) != "{value,3,2}" {
				t.Errorf("after a failed reload: %s, %v", vm.Show(v), err)
			}
		})
	}
}

const treeSrc = `-module(tree).
-behaviour(supervisor).
-export([start/0, init/1, worker/0, idle/0]).
start() ->
    spawn(fun() ->
        {ok, _} = supervisor:start_link({local, top}, tree, []),
        idle()
    end).
idle() -> receive stop -> ok end.
init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => w0, start => {tree, worker, []}}]}}.
worker() ->
    Pid = spawn_link(fun() -> put(role, worker), idle() end),
    register(w0, Pid),
    {ok, Pid}.
`

// TestProcessTree: the snapshot shows who spawned whom, links, names, a
// supervisor's children by id; ProcessInfo adds the mailbox and the
// dictionary.
func TestProcessTree(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			ctx := within(t, 30*time.Second)
			load(t, s, "tree.erl", treeSrc)
			if _, err := s.Call(ctx, "tree", "start"); err != nil {
				t.Fatal(err)
			}
			var top, w0 ProcessInfo
			for deadline := time.Now().Add(10 * time.Second); w0.Pid == 0 && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
				ps, err := s.Processes(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range ps {
					switch p.RegisteredName {
					case "top":
						top = p
					case "w0":
						w0 = p
					}
				}
			}
			if top.Pid == 0 || w0.Pid == 0 {
				t.Fatal("no supervisor top with a worker w0")
			}
			if len(top.Children) != 1 || !top.Children[0].ID.IsAtom("w0") || top.Children[0].Pid != w0.Pid {
				t.Errorf("top's children %+v, want w0 = %d", top.Children, w0.Pid)
			}
			if w0.Parent != top.Pid || !contains(top.Links, w0.Pid) || !contains(w0.Links, top.Pid) {
				t.Errorf("w0 parent %d links %v, top %d links %v", w0.Parent, w0.Links, top.Pid, top.Links)
			}
			if top.Parent == 0 || !contains(top.Links, top.Parent) || !top.TrapExit {
				t.Errorf("top: parent %d, links %v, trap_exit %v", top.Parent, top.Links, top.TrapExit)
			}
			if w0.Status != "waiting" || w0.CurrentFunction != "tree:idle/0" || !strings.HasPrefix(w0.InitialCall, "erlang:apply/") && !strings.HasPrefix(w0.InitialCall, "tree:") {
				t.Errorf("w0: status %q, current %q, initial %q", w0.Status, w0.CurrentFunction, w0.InitialCall)
			}
			if w0.Messages != nil || w0.Dictionary != nil {
				t.Errorf("the snapshot carries mailboxes: %v %v", w0.Messages, w0.Dictionary)
			}
			pid := term.MakePid(w0.Pid)
			if _, err := s.Call(ctx, "erlang", "send", pid, term.MakeAtom("hello")); err != nil {
				t.Fatal(err)
			}
			info, ok, err := s.ProcessInfo(ctx, pid)
			if err != nil || !ok {
				t.Fatalf("ProcessInfo(w0) = %v, %v", ok, err)
			}
			if info.MessageQueueLen != 1 || len(info.Messages) != 1 || !info.Messages[0].IsAtom("hello") {
				t.Errorf("w0 mailbox: %d %v", info.MessageQueueLen, info.Messages)
			}
			if len(info.Dictionary) != 1 || vm.Show(info.Dictionary[0]) != "{role,worker}" {
				t.Errorf("w0 dictionary: %v", info.Dictionary)
			}
			if err := s.Kill(ctx, pid); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := s.ProcessInfo(ctx, pid); ok || err != nil {
				t.Errorf("ProcessInfo of a dead process: %v, %v", ok, err)
			}
		})
	}
}

func contains(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestHalt: erlang:halt(N) ends the call with a *HaltError carrying N,
// after the output written before it; the VM runs nothing more.
func TestHalt(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			var out strings.Builder
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithStdout(&out))
			ctx := within(t, 30*time.Second)
			load(t, s, "h.erl", "-module(h).\n-export([main/0]).\nmain() -> io:format(\"bye~n\"), erlang:halt(3), io:format(\"never~n\").\n")
			var halt *HaltError
			if _, err := s.Call(ctx, "h", "main"); !errors.As(err, &halt) || halt.Status != 3 {
				t.Fatalf("main() = %v, want a HaltError with status 3", err)
			}
			if out.String() != "bye\n" {
				t.Errorf("stdout %q", out.String())
			}
			if _, err := s.Call(ctx, "h", "main"); !errors.As(err, &halt) {
				t.Errorf("a call after halt = %v", err)
			}
			if n, err := s.ProcessCount(ctx); err != nil {
				t.Errorf("the halted sandbox stopped answering: %d, %v", n, err)
			}
		})
	}
}

const eventsSrc = `-module(ev).
-export([main/0, crash/0, quiet/0, flood/0]).
main() ->
    {C, R1} = spawn_monitor(ev, crash, []),
    {Q, R2} = spawn_monitor(ev, quiet, []),
    receive {'DOWN', R1, process, C, _} -> ok end,
    receive {'DOWN', R2, process, Q, _} -> ok end,
    {C, Q}.
crash() -> erlang:error({oops, 42}).
quiet() -> register(quiet, self()), exit(done).
flood() -> io:format("~p~n", [lists:seq(1, 100)]), flood().
`

// TestEvents: a subscriber sees the module load, the processes a call
// spawns (with their parent) and how they ended, a crash report for the
// one that crashed (and none for the call itself or an exit), names, and
// finally the limit that stopped the sandbox.
func TestEvents(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso).WithMaxOutput(4096))
			events, cancel := s.Subscribe()
			defer cancel()
			ctx := within(t, 30*time.Second)
			load(t, s, "ev.erl", eventsSrc)
			v, err := s.Call(ctx, "ev", "main")
			if err != nil {
				t.Fatal(err)
			}
			crasher, quiet := v.Elem(0), v.Elem(1)
			if _, err := s.Call(ctx, "ev", "flood"); err == nil {
				t.Fatal("flood() returned")
			}
			var log []string
			var mainPid term.Term
			for ev := range events {
				switch ev.Kind {
				case ModuleLoaded:
					if ev.Module == "ev" {
						log = append(log, "loaded ev "+strings.Repeat("I", ev.Version))
					}
				case ProcessStarted:
					if ev.Parent == (term.Term{}) && mainPid == (term.Term{}) {
						mainPid = ev.Pid
					}
					if ev.Pid == crasher && ev.Parent == mainPid {
						log = append(log, "main spawned crasher")
					}
				case ProcessExited:
					switch ev.Pid {
					case crasher:
						log = append(log, "crasher exited "+vm.Show(ev.Reason))
					case quiet:
						log = append(log, "quiet exited "+vm.Show(ev.Reason))
					case mainPid:
						log = append(log, "main exited "+vm.Show(ev.Reason))
					}
				case Registered:
					if ev.Pid == quiet {
						log = append(log, "registered "+ev.Name)
					}
				case CrashReport:
					log = append(log, "crash report "+vm.Show(ev.Pid)[:2]+" "+vm.Show(ev.Class)+":"+vm.Show(ev.Reason))
					if ev.Pid != crasher {
						t.Errorf("crash report for %s", vm.Show(ev.Pid))
					}
				case LimitHit:
					log = append(log, "limit: "+ev.Err.Error())
				case Stopped:
					log = append(log, "stopped")
				}
			}
			// Each chain in order; the two children's run side by side.
			got := strings.Join(log, "|")
			for _, want := range [][]string{
				{"loaded ev I", "main spawned crasher", "crasher exited {{oops,42},", "crash report <0 error:{oops,42}",
					"main exited normal", "limit: output limit (4KiB) exceeded", "stopped"},
				{"registered quiet", "quiet exited done", "main exited normal"},
			} {
				pos := 0
				for _, w := range want {
					i := strings.Index(got[pos:], w)
					if i < 0 {
						t.Fatalf("events %s\nwant, in this order, %q", got, want)
					}
					pos += i + len(w)
				}
			}
			if strings.Count(got, "crash report") != 1 {
				t.Errorf("crash reports: %s", got)
			}
		})
	}
}

// BenchmarkSpawnEvents measures what the lifecycle events cost: the
// spawn benchmark without a subscriber (the guest sends none) and with
// one draining them (two per process).
func BenchmarkSpawnEvents(b *testing.B) {
	src, err := os.ReadFile("bench/sandbox_bench.erl")
	if err != nil {
		b.Fatal(err)
	}
	for _, iso := range modes {
		for _, sub := range []bool{false, true} {
			name := iso.String() + "/quiet"
			if sub {
				name = iso.String() + "/subscribed"
			}
			b.Run(name, func(b *testing.B) {
				s := benchSandbox(b, iso, false)
				load(b, s, "sandbox_bench.erl", string(src))
				if sub {
					events, cancel := s.Subscribe()
					defer cancel()
					go func() {
						for range events {
						}
					}()
				}
				for b.Loop() {
					if _, err := s.Call(context.Background(), "sandbox_bench", "spawn_wait", makeInt(10000)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkCommandWhileCallRuns is one request (ProcessCount) answered
// while a call loops for ever: how long a command waits for the engine's
// next look between batches of reduction slices.
func BenchmarkCommandWhileCallRuns(b *testing.B) {
	for _, iso := range modes {
		b.Run(iso.String(), func(b *testing.B) {
			s := benchSandbox(b, iso, false)
			load(b, s, "hello.erl", helloSrc)
			go s.Call(context.Background(), "hello", "loop")
			findProcess(b, s, "hello:loop/0")
			for b.Loop() {
				if n, err := s.ProcessCount(context.Background()); err != nil || n < 1 {
					b.Fatal(n, err)
				}
			}
		})
	}
}
