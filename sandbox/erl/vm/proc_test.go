package vm

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// showW prints t as ~w does, the form proct.golden is recorded in.
func showW(t *testing.T, x term.Term) string {
	t.Helper()
	s, err := format.Format("~w", []term.Term{x})
	if err != nil {
		t.Fatalf("formatting a result: %v", err)
	}
	return s
}

// TestProcessRuntimeGolden runs each case of testdata/proc/proct.erl and
// compares its result with real OTP 25's (recorded by record.sh): links
// and trap_exit, kill becoming killed, monitors and noproc, demonitor's
// options, registered names, selective receive, receive timeouts, timers,
// process_info, the process dictionary and exit reasons.
func TestProcessRuntimeGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/proc/proct.erl")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/proc/proct.golden")
	if err != nil {
		t.Fatal(err)
	}
	m := New(NewConfig())
	if err := m.LoadModule("proct.erl", src); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(golden)), "\n")
	if len(lines) < 9 {
		t.Fatalf("proct.golden has %d cases, want at least 9", len(lines))
	}
	for _, line := range lines {
		name, want, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("proct.golden: bad line %q", line)
		}
		t.Run(name, func(t *testing.T) {
			r, err := m.Call("proct", name)
			if err != nil {
				t.Fatalf("proct:%s() = %v", name, err)
			}
			if got := showW(t, r); got != want {
				t.Errorf("proct:%s()\n got %s\nwant %s", name, got, want)
			}
		})
	}
	// Every case waited for the processes it started, except those left
	// waiting on purpose: none.
	if n := m.ProcessCount(); n != 0 {
		t.Errorf("%d processes still alive after the cases", n)
	}
}

// hotSrc is version vsn of a module whose server loop answers with the
// version a local call and a fully qualified call reach.
func hotSrc(vsn string) []byte {
	return []byte(`-module(hot).
-export([loop/0, vsn/0]).
vsn() -> ` + vsn + `.
loop() ->
    receive
        {ask, From} -> From ! {vsn(), ?MODULE:vsn()}, loop();
        {upgrade, From} -> From ! upgraded, ?MODULE:loop()
    end.
`)
}

const hotDriver = `-module(drv).
-export([ask/1, upgrade/1, old/1, soft_purge/0, purge/0]).
ask(P) -> P ! {ask, self()}, receive {_, _} = R -> R after 5000 -> timeout end.
upgrade(P) -> P ! {upgrade, self()}, receive upgraded -> ok after 5000 -> timeout end.
old(P) -> {erlang:check_old_code(hot), erlang:check_process_code(P, hot)}.
soft_purge() -> code:soft_purge(hot).
purge() -> code:purge(hot).
`

// TestHotCodeLoading checks BEAM's two-version model through the Go API:
// a process keeps running its version's local calls after a new load,
// fully qualified calls reach the newest version, soft_purge refuses while
// a process runs old code, and a third load kills the processes still in
// the oldest version.
func TestHotCodeLoading(t *testing.T) {
	m := New(NewConfig().WithOutsideEvents(true))
	for _, l := range []struct{ path, src string }{{"hot.erl", string(hotSrc("1"))}, {"drv.erl", hotDriver}} {
		if err := m.LoadModule(l.path, []byte(l.src)); err != nil {
			t.Fatal(err)
		}
	}
	call := func(fn string, args ...term.Term) string {
		t.Helper()
		r, err := m.Call("drv", fn, args...)
		if err != nil {
			t.Fatalf("drv:%s = %v", fn, err)
		}
		return showW(t, r)
	}
	p1, err := m.Spawn("hot", "loop")
	if err != nil {
		t.Fatal(err)
	}
	if got := call("ask", p1); got != "{1,1}" {
		t.Fatalf("version 1: ask = %s, want {1,1}", got)
	}
	if err := m.LoadModule("hot.erl", hotSrc("2")); err != nil {
		t.Fatal(err)
	}
	if got := call("ask", p1); got != "{1,2}" {
		t.Errorf("after loading version 2: ask = %s, want {1,2} (local call in old code, remote in new)", got)
	}
	if got := call("old", p1); got != "{true,true}" {
		t.Errorf("old code check = %s, want {true,true}", got)
	}
	if got := call("soft_purge"); got != "false" {
		t.Errorf("soft_purge with a process in old code = %s, want false", got)
	}
	if !m.Alive(p1) {
		t.Fatal("soft_purge killed the process in old code")
	}
	// The fully qualified ?MODULE:loop() moves the process to version 2.
	if got := call("upgrade", p1); got != "ok" {
		t.Fatalf("upgrade = %s", got)
	}
	if got := call("ask", p1); got != "{2,2}" {
		t.Errorf("after the upgrade: ask = %s, want {2,2}", got)
	}
	if got := call("old", p1); got != "{true,false}" {
		t.Errorf("old code check after the upgrade = %s, want {true,false}", got)
	}
	if got := call("soft_purge"); got != "true" {
		t.Errorf("soft_purge with no process in old code = %s, want true", got)
	}

	// p2 starts in version 2, which version 3 makes old and version 4
	// purges: p2 dies, p1 (moved on to version 3 meanwhile) lives.
	p2, err := m.Spawn("hot", "loop")
	if err != nil {
		t.Fatal(err)
	}
	if got := call("ask", p2); got != "{2,2}" {
		t.Fatalf("p2 in version 2: ask = %s", got)
	}
	if err := m.LoadModule("hot.erl", hotSrc("3")); err != nil {
		t.Fatal(err)
	}
	if got := call("upgrade", p1); got != "ok" {
		t.Fatalf("upgrade = %s", got)
	}
	if got := call("ask", p2); got != "{2,3}" {
		t.Errorf("p2 after loading version 3: ask = %s, want {2,3}", got)
	}
	if err := m.LoadModule("hot.erl", hotSrc("4")); err != nil {
		t.Fatal(err)
	}
	if m.Alive(p2) {
		t.Error("a third load left alive a process running the purged version")
	}
	if !m.Alive(p1) {
		t.Fatal("a third load killed a process that was not in the purged version")
	}
	if got := call("ask", p1); got != "{3,4}" {
		t.Errorf("p1 after loading version 4: ask = %s, want {3,4}", got)
	}
	// code:purge kills what runs version 3 now, and reports that there
	// was old code; a second purge finds none.
	if got := call("purge"); got != "true" {
		t.Errorf("purge = %s, want true", got)
	}
	if m.Alive(p1) {
		t.Error("code:purge left alive a process in old code")
	}
	if got := call("purge"); got != "false" {
		t.Errorf("second purge = %s, want false", got)
	}
}

// TestHotLoadFromErlang: otpbox:load_source/2 loads a version from inside
// a process; a monitor sees the purged process die with reason killed.
func TestHotLoadFromErlang(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([main/3]).
main(V1, V2, V3) ->
    {module, hot} = otpbox:load_source(hot, V1),
    P = spawn(hot, loop, []),
    P ! {ask, self()},
    A1 = receive {_, _} = R1 -> R1 end,
    Ref = monitor(process, P),
    {module, hot} = otpbox:load_source(hot, V2),
    P ! {ask, self()},
    A2 = receive {_, _} = R2 -> R2 end,
    {module, hot} = otpbox:load_source(hot, V3),
    Down = receive {'DOWN', Ref, process, P, Why} -> Why after 5000 -> timeout end,
    Bad = otpbox:load_source(hot, "-module(hot).\nf( -> ok.\n"),
    {A1, A2, Down, element(1, Bad), code:is_loaded(hot) =/= false}.
`)
	r, err := m.Call("t", "main", term.MakeString(string(hotSrc("1"))), term.MakeString(string(hotSrc("2"))), term.MakeString(string(hotSrc("3"))))
	if err != nil {
		t.Fatal(err)
	}
	if got := showW(t, r); got != "{{1,1},{1,2},killed,error,true}" {
		t.Errorf("main = %s, want {{1,1},{1,2},killed,error,true}", got)
	}
}

const echoSrc = `-module(echo).
-export([serve/1, wait/0, spin/0]).
% serve(Owner) forwards every message to Owner's registered name until stop.
serve(Owner) ->
    receive
        stop -> ok;
        M -> Owner ! {echo, M}, serve(Owner)
    end.
wait() -> receive stop -> ok end.
spin() -> spin().
`

// TestHostAPI drives processes from Go: Spawn, Send (by pid and by
// registered name), Run, Alive, KillProcess and ProcessCount; a process
// spinning forever does not starve the others (preemption).
func TestHostAPI(t *testing.T) {
	m := New(NewConfig().WithOutsideEvents(true))
	if err := m.LoadModule("echo.erl", []byte(echoSrc)); err != nil {
		t.Fatal(err)
	}
	if err := m.LoadModule("col.erl", []byte(`-module(col).
-export([start/0, got/0]).
start() -> register(col, spawn(fun() -> loop([]) end)), ok.
loop(Acc) -> receive {get, F} -> F ! lists:reverse(Acc), loop(Acc); {echo, M} -> loop([M | Acc]) end.
got() -> col ! {get, self()}, receive L -> L end.
`)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call("col", "start"); err != nil {
		t.Fatal(err)
	}
	spinner, err := m.Spawn("echo", "spin")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := m.Spawn("echo", "serve", m.atom("col"))
	if err != nil {
		t.Fatal(err)
	}
	m.Send(srv, m.atom("one"))
	m.Send(srv, term.MakeInt(2))
	// Send is safe from another goroutine while processes run.
	go m.Send(srv, m.atom("three"))
	want := "[one,2,three]"
	deadline := time.Now().Add(10 * time.Second)
	got := ""
	for got != want && time.Now().Before(deadline) {
		r, err := m.Call("col", "got")
		if err != nil {
			t.Fatal(err)
		}
		got = showW(t, r)
	}
	if got != want {
		t.Fatalf("collected %s, want %s", got, want)
	}
	if n := m.ProcessCount(); n != 3 {
		t.Errorf("ProcessCount = %d, want 3 (collector, spinner, server)", n)
	}
	// Run until the server has stopped.
	m.Send(srv, m.atom("stop"))
	if err := m.Run(func() bool { return m.sched.procs.get(srv.ID()) == nil }); err != nil {
		t.Fatal(err)
	}
	if m.Alive(srv) {
		t.Error("server alive after stop")
	}
	if err := m.KillProcess(spinner); err != nil {
		t.Fatal(err)
	}
	if m.Alive(spinner) {
		t.Error("spinner alive after KillProcess")
	}
	if err := m.KillProcess(spinner); !errors.Is(err, ErrNoProcess) {
		t.Errorf("KillProcess of a dead process = %v, want ErrNoProcess", err)
	}
	// Sending to a dead pid from outside is dropped, as ! drops it.
	m.Send(srv, m.atom("lost"))
	if err := m.Run(func() bool { return true }); err != nil {
		t.Fatal(err)
	}
}

// TestDeadlock: a Call whose process waits forever, with nothing able to
// wake it, ends with ErrDeadlock instead of hanging; with outside events
// on, a message from another goroutine wakes it.
func TestDeadlock(t *testing.T) {
	src := []byte(`-module(dl).
-export([main/0]).
main() -> register(main, self()), receive M -> {got, M} end.
`)
	m := New(NewConfig())
	if err := m.LoadModule("dl.erl", src); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call("dl", "main"); !errors.Is(err, ErrDeadlock) {
		t.Fatalf("main() = %v, want ErrDeadlock", err)
	}

	m = New(NewConfig().WithOutsideEvents(true))
	if err := m.LoadModule("dl.erl", src); err != nil {
		t.Fatal(err)
	}
	// A send to a name not registered yet is dropped: keep sending until
	// main has got one.
	done, sent := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sent)
		for {
			m.Send(m.atom("main"), m.atom("hello"))
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	r, err := m.Call("dl", "main")
	close(done)
	<-sent
	if err != nil || showW(t, r) != "{got,hello}" {
		t.Fatalf("main() = %s, %v; want {got,hello}", Show(r), err)
	}
}

// TestMaxProcesses: spawning past the limit raises system_limit in the
// spawning process, which can catch it.
func TestMaxProcesses(t *testing.T) {
	m := New(NewConfig().WithMaxProcesses(10))
	if err := m.LoadModule("mp.erl", []byte(`-module(mp).
-export([main/0]).
main() -> loop(0, []).
loop(N, Ps) ->
    try spawn(fun() -> receive stop -> ok end end) of
        P -> loop(N + 1, [P | Ps])
    catch error:system_limit ->
        [P ! stop || P <- Ps],
        N
    end.
`)); err != nil {
		t.Fatal(err)
	}
	r, err := m.Call("mp", "main")
	if err != nil {
		t.Fatal(err)
	}
	// The caller is one of the ten.
	if n, _ := r.Int(); n != 9 {
		t.Errorf("spawned %s processes, want 9", Show(r))
	}
	if _, err := m.Spawn("mp", "main"); err != nil {
		t.Errorf("Spawn after the others stopped: %v", err)
	}
}

// TestClock: the VM's timers follow the configured clock, so a host whose
// clock jumps ahead (as a guest's does across a long sleep) fires them
// without waiting in real time.
func TestClock(t *testing.T) {
	var fake atomic.Int64
	start := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		// Every reading moves time ten minutes on; the driver still sleeps
		// up to 50 ms of real time between readings while idle.
		return start.Add(time.Duration(fake.Add(1)) * 10 * time.Minute)
	}
	m := New(NewConfig().WithClock(clock))
	if err := m.LoadModule("ck.erl", []byte(`-module(ck).
-export([main/0]).
main() ->
    erlang:send_after(3600000, self(), hour),
    R = receive never -> never after 1800000 -> half end,
    H = receive hour -> hour end,
    {R, H}.
`)); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	r, err := m.Call("ck", "main")
	if err != nil {
		t.Fatal(err)
	}
	if got := showW(t, r); got != "{half,hour}" {
		t.Errorf("main() = %s, want {half,hour}", got)
	}
	if el := time.Since(begin); el > 30*time.Second {
		t.Errorf("an hour of fake time took %v of real time", el)
	}
}

// TestCrashReport: a plain process dying of an error gets OTP 25's
// logger report on stderr, nothing on stdout; exits do not.
func TestCrashReport(t *testing.T) {
	var out, errOut bytes.Buffer
	m := New(NewConfig().WithStdout(&out).WithStderr(&errOut))
	if err := m.LoadModule("cr.erl", []byte(`-module(cr).
-export([main/0]).
main() ->
    {_, R1} = spawn_monitor(fun() -> erlang:error(bad) end),
    receive {'DOWN', R1, _, _, _} -> ok end,
    {_, R2} = spawn_monitor(fun() -> exit(quiet) end),
    receive {'DOWN', R2, _, _, _} -> ok end,
    io:format("done~n").
`)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call("cr", "main"); err != nil {
		t.Fatal(err)
	}
	if out.String() != "done\n" {
		t.Errorf("stdout = %q, want \"done\\n\"", out.String())
	}
	re := regexp.MustCompile(`^=ERROR REPORT==== \d+-[A-Z][a-z]{2}-\d{4}::\d\d:\d\d:\d\d\.\d{6} ===\n` +
		`Error in process <0\.\d+\.0> with exit value:\n\{bad,\[\{cr,'-main/0-fun-\d-',0,\[\{file,"cr\.erl"\},\{line,4\}\]\}\]\}\n\n$`)
	if !re.MatchString(errOut.String()) {
		t.Errorf("stderr = %q, want one error report for the error (none for exit(quiet))", errOut.String())
	}
}

// TestVirtualTime: under WithVirtualTime an hour of sleeping costs no
// real time, timer:tc measures exactly the simulated sleep, timers fire in
// deadline order, and a loop polling the clock still sees it move.
func TestVirtualTime(t *testing.T) {
	m := New(NewConfig().WithVirtualTime(true))
	if err := m.LoadModule("vt.erl", []byte(`-module(vt).
-export([main/0]).
main() ->
    {T, ok} = timer:tc(fun() -> timer:sleep(3600000) end),
    Self = self(),
    [spawn(fun() -> timer:sleep(D), Self ! D end) || D <- [30, 10, 20]],
    Order = [receive D -> D end || _ <- [1, 2, 3]],
    Deadline = erlang:monotonic_time(millisecond) + 5,
    {T div 1000000, Order, poll(Deadline, 0) > 0}.
poll(Deadline, N) ->
    case erlang:monotonic_time(millisecond) >= Deadline of
        true -> N;
        false -> poll(Deadline, N + 1)
    end.
`)); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	r, err := m.Call("vt", "main")
	if err != nil {
		t.Fatal(err)
	}
	if got := showW(t, r); got != "{3600,[10,20,30],true}" {
		t.Errorf("main() = %s, want {3600,[10,20,30],true}", got)
	}
	if el := time.Since(begin); el > 30*time.Second {
		t.Errorf("an hour of virtual time took %v of real time", el)
	}
}

// TestEvents: a Config's event handler sees the module loads with their
// versions, and a process's life: spawn, link, register, unlink, exit
// with its reason.
func TestEvents(t *testing.T) {
	var evs []Event
	m := New(NewConfig().WithEvents(func(e Event) { evs = append(evs, e) }))
	src := `-module(ev).
-export([main/0]).
main() ->
    P = spawn_link(fun() -> receive go -> exit(done) end end),
    register(worker, P),
    unlink(P),
    Ref = monitor(process, P),
    P ! go,
    receive {'DOWN', Ref, process, P, R} -> R end.
`
	for i := 0; i < 2; i++ {
		if err := m.LoadModule("ev.erl", []byte(src)); err != nil {
			t.Fatal(err)
		}
	}
	if v, old := m.ModuleVersion("ev"); v != 2 || !old {
		t.Errorf("ModuleVersion(ev) = %d, %v; want 2, true", v, old)
	}
	if v, old := m.ModuleVersion("nothere"); v != 0 || old {
		t.Errorf("ModuleVersion(nothere) = %d, %v; want 0, false", v, old)
	}
	r, err := m.Call("ev", "main")
	if err != nil || !r.IsAtom("done") {
		t.Fatalf("main() = %s, %v", Show(r), err)
	}
	var got []string
	var worker uint64
	for _, e := range evs {
		switch e.Kind {
		case EventModuleLoaded:
			if e.Name == "ev" {
				got = append(got, "loaded ev v"+string(rune('0'+e.Other)))
			}
		case EventProcessStarted:
			if e.Other != 0 { // the worker, spawned by main's process
				worker = e.Pid
				got = append(got, "started")
			}
		case EventLink:
			got = append(got, "link")
		case EventUnlink:
			got = append(got, "unlink")
		case EventRegister:
			got = append(got, "register "+e.Name)
		case EventUnregister:
			got = append(got, "unregister "+e.Name)
		case EventProcessExited:
			if e.Pid == worker {
				got = append(got, "exited "+Show(e.ExitReason))
			}
		}
	}
	// No unregister event at the exit: the name goes with the process.
	want := "loaded ev v1, loaded ev v2, started, link, register worker, unlink, exited done"
	if s := strings.Join(got, ", "); s != want {
		t.Errorf("events:\n got %s\nwant %s", s, want)
	}
}

// TestHalt: erlang:halt stops every process at once and Call returns
// *HaltError with the status; the VM runs nothing afterwards.
func TestHalt(t *testing.T) {
	for _, c := range []struct {
		call string
		want int
	}{{"halt()", 0}, {"halt(3)", 3}, {`halt("slogan")`, 1}, {"erlang:halt(0, [])", 0}} {
		var out bytes.Buffer
		m := New(NewConfig().WithStdout(&out))
		if err := m.LoadModule("h.erl", []byte(`-module(h).
-export([main/0, other/0]).
main() ->
    spawn(fun() -> timer:sleep(10), io:format("late~n") end),
    io:format("before~n"),
    `+c.call+`,
    io:format("after~n").
other() -> ok.
`)); err != nil {
			t.Fatal(err)
		}
		_, err := m.Call("h", "main")
		var h *HaltError
		if !errors.As(err, &h) || h.Status != c.want {
			t.Errorf("%s: Call = %v, want HaltError with status %d", c.call, err, c.want)
		}
		if out.String() != "before\n" {
			t.Errorf("%s: output %q, want only \"before\\n\"", c.call, out.String())
		}
		if _, err := m.Call("h", "other"); !errors.As(err, &h) {
			t.Errorf("%s: a Call after halt = %v, want the HaltError", c.call, err)
		}
	}
}
