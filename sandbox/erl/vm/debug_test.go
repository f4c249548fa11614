package vm

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// session runs a call under the debugger and collects its events.
type session struct {
	t      *testing.T
	vm     *VM
	d      *Debugger
	events chan Event
	done   chan callResult
}

type callResult struct {
	v   term.Term
	err error
}

func newSession(t *testing.T, src string) *session {
	t.Helper()
	m, _ := load(t, src)
	s := &session{t: t, vm: m, d: m.Debugger(), events: make(chan Event, 1000), done: make(chan callResult, 1)}
	s.d.Subscribe(func(e Event) { s.events <- e })
	return s
}

func (s *session) call(fun string, args ...term.Term) {
	go func() {
		v, err := s.vm.Call("t", fun, args...)
		s.done <- callResult{v, err}
	}()
}

// next waits for the next event of kind k, skipping others.
func (s *session) next(k EventKind) Event {
	s.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-s.events:
			if e.Kind == k {
				return e
			}
		case r := <-s.done:
			s.t.Fatalf("call ended (%s, %v) while waiting for event %d", Show(r.v), r.err, k)
		case <-timeout:
			s.t.Fatalf("no event %d", k)
		}
	}
}

func (s *session) stopped(reason StopReason) Event {
	s.t.Helper()
	e := s.next(EventStopped)
	if e.Reason != reason {
		s.t.Fatalf("stopped for %q, want %q", e.Reason, reason)
	}
	return e
}

func (s *session) result() term.Term {
	s.t.Helper()
	select {
	case r := <-s.done:
		if r.err != nil {
			s.t.Fatal(r.err)
		}
		return r.v
	case <-time.After(10 * time.Second):
		s.t.Fatal("call did not finish")
	}
	return term.Nil
}

// where is the innermost frame as "fun/arity:line".
func (s *session) where(pid uint64) string {
	s.t.Helper()
	fs, err := s.d.Stack(pid)
	if err != nil {
		s.t.Fatal(err)
	}
	return fmt.Sprintf("%s/%d:%d", fs[0].Function, fs[0].Arity, fs[0].Line)
}

func (s *session) bindings(pid uint64, frame int) string {
	s.t.Helper()
	bs, err := s.d.Bindings(pid, frame)
	if err != nil {
		s.t.Fatal(err)
	}
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.Name+"="+Show(b.Value))
	}
	return strings.Join(parts, " ")
}

const loopSrc = `-module(t).
-export([main/0, sum/2, crash/1]).
main() ->
    X = sum(5, 0),
    Y = X * 2,
    {X, Y}.

sum(0, Acc) ->
    Acc;
sum(N, Acc) ->
    Acc1 = add(N, Acc),
    sum(N - 1, Acc1).

add(A, B) ->
    A + B.

crash(L) ->
    Len = length(L),
    {ok, _} = lists:keyfind(Len, 1, L).
`

func TestBreakpointStackBindings(t *testing.T) {
	s := newSession(t, loopSrc)
	infos, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 11}, {Line: 7}})
	if err != nil {
		t.Fatal(err)
	}
	// Line 7 is blank: it resolves to the next executable line, 8.
	if !infos[0].Verified || infos[0].Line != 11 || !infos[1].Verified || infos[1].Line != 8 {
		t.Fatalf("verification: %+v", infos)
	}
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 11}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	if got := s.where(e.Pid); got != "sum/2:11" {
		t.Errorf("stopped at %s", got)
	}
	if got := s.bindings(e.Pid, 0); got != "Acc=0 N=5" {
		t.Errorf("bindings: %s", got)
	}
	fs, _ := s.d.Stack(e.Pid)
	if len(fs) != 2 || fs[1].Function != "main" || fs[1].Line != 4 {
		t.Errorf("stack: %+v", fs)
	}
	// X is not bound yet in main: the call computing it is in progress.
	if got := s.bindings(e.Pid, 1); got != "" {
		t.Errorf("main's bindings: %q", got)
	}
	for i := 0; i < 4; i++ {
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
		e = s.stopped(StopBreakpoint)
	}
	if got := s.bindings(e.Pid, 0); got != "Acc=14 N=1" {
		t.Errorf("fifth hit bindings: %s", got)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "{15,30}" {
		t.Errorf("result %s", Show(r))
	}
	if err := s.d.Continue(e.Pid); err == nil {
		t.Error("continue of an exited process succeeded")
	}
}

func TestConditionHitCountLogPoint(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{
		{Line: 11, Condition: "N rem 2 =:= 0"},
		{Line: 15, HitCondition: "3"},
		{Line: 12, LogMessage: "N={N} acc={Acc1} pair={ {N, Acc1} }"},
	}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	var logs []string
	collect := func(e Event) {
		if e.Kind == EventOutput {
			logs = append(logs, e.Text)
		}
	}
	// Stops in order: N=4 on line 11, third add (N=3) on line 15, N=2 on 11.
	var stops []string
	for i := 0; i < 3; i++ {
		var e Event
		for e = <-s.events; e.Kind != EventStopped; e = <-s.events {
			collect(e)
		}
		stops = append(stops, s.where(e.Pid)+" "+s.bindings(e.Pid, 0))
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"sum/2:11 Acc=5 N=4", "add/2:15 A=3 B=9", "sum/2:11 Acc=12 N=2"}
	if strings.Join(stops, "|") != strings.Join(want, "|") {
		t.Errorf("stops:\n%s\nwant\n%s", strings.Join(stops, "\n"), strings.Join(want, "\n"))
	}
	s.result()
	for len(s.events) > 0 {
		collect(<-s.events)
	}
	if len(logs) != 5 || logs[0] != "N=5 acc=5 pair={5,5}\n" || logs[4] != "N=1 acc=15 pair={1,15}\n" {
		t.Errorf("log points: %q", logs)
	}
}

func TestBadBreakpoints(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 11, HitCondition: ">x"}}); err == nil {
		t.Error("bad hit condition accepted")
	}
	infos, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 11, Condition: "N +"}, {Line: 900}})
	if err != nil {
		t.Fatal(err)
	}
	if infos[0].Verified || !strings.Contains(infos[0].Message, "expression") || infos[1].Verified {
		t.Errorf("bad breakpoints verified: %+v", infos)
	}
	infos, _ = s.d.SetBreakpoints("nomod", []LineBreakpoint{{Line: 3}})
	if infos[0].Verified || !strings.Contains(infos[0].Message, "not loaded") {
		t.Errorf("breakpoint in an unknown module: %+v", infos)
	}
	// The program still runs to its end.
	s.call("main")
	if r := s.result(); Show(r) != "{15,30}" {
		t.Errorf("result %s", Show(r))
	}
}

func TestFunctionBreakpointAndEval(t *testing.T) {
	s := newSession(t, loopSrc)
	infos, err := s.d.SetFunctionBreakpoints([]FunctionBreakpoint{{Module: "t", Function: "add", Arity: 2, Condition: "A =:= 2"}, {Module: "t", Function: "nope", Arity: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if !infos[0].Verified || infos[0].Line != 14 || infos[1].Verified {
		t.Fatalf("function breakpoints: %+v", infos)
	}
	s.call("main")
	e := s.stopped(StopFunctionBreakpoint)
	if got := s.where(e.Pid); got != "add/2:14" {
		t.Errorf("stopped at %s", got)
	}
	for _, c := range []struct{ expr, want string }{
		{"A + B", "14"},
		{"[A, B, add(A, B)]", "[2,12,14]"},
		{"lists:seq(1, A)", "[1,2]"},
		{"Z = A * 10, Z + 1", "21"},
	} {
		v, err := s.d.Eval(e.Pid, 0, c.expr)
		if err != nil || Show(v) != c.want {
			t.Errorf("eval %s = %s, %v; want %s", c.expr, Show(v), err, c.want)
		}
	}
	// In the caller's frame, N and Acc are bound.
	if v, err := s.d.Eval(e.Pid, 1, "{N, Acc}"); err != nil || Show(v) != "{2,12}" {
		t.Errorf("eval in frame 1 = %s, %v", Show(v), err)
	}
	if _, err := s.d.Eval(e.Pid, 0, "Nope + 1"); err == nil || !strings.Contains(err.Error(), "unbound") {
		t.Errorf("unbound variable: %v", err)
	}
	if _, err := s.d.Eval(e.Pid, 0, "A / 0"); err == nil || !strings.Contains(err.Error(), "badarith") {
		t.Errorf("exception in eval: %v", err)
	}
	if _, err := s.d.Eval(e.Pid, 9, "A"); err == nil {
		t.Error("eval in a missing frame succeeded")
	}
	if v, err := s.d.EvalFresh("lists:sum([1,2,3])"); err != nil || Show(v) != "6" {
		t.Errorf("fresh eval = %s, %v", Show(v), err)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	s.result()
}

func TestStepping(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 4}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	pid := e.Pid
	if _, err := s.d.SetBreakpoints("t", nil); err != nil {
		t.Fatal(err)
	}
	step := func(k StepKind, want string) {
		t.Helper()
		if err := s.d.Step(pid, k); err != nil {
			t.Fatal(err)
		}
		s.stopped(StopStep)
		if got := s.where(pid); got != want {
			t.Fatalf("after step %d: at %s, want %s", k, got, want)
		}
	}
	step(StepIn, "sum/2:8")    // into sum, first clause head
	step(StepOver, "sum/2:10") // clause 1 does not match: clause 2's head
	step(StepOver, "sum/2:11")
	step(StepIn, "add/2:14")
	step(StepOut, "sum/2:11") // back in the caller, the call's line
	if got := s.bindings(pid, 0); got != "Acc=0 N=5" {
		t.Errorf("bindings after step out: %s", got)
	}
	step(StepOver, "sum/2:12")
	if got := s.bindings(pid, 0); got != "Acc=0 Acc1=5 N=5" {
		t.Errorf("bindings after step over: %s", got)
	}
	step(StepOver, "sum/2:8") // the tail call: the next iteration
	step(StepOut, "main/0:4") // truly out of the whole loop
	step(StepOver, "main/0:5")
	if got := s.bindings(pid, 0); got != "X=15" {
		t.Errorf("bindings in main: %s", got)
	}
	step(StepOver, "main/0:6")
	if err := s.d.Step(pid, StepOver); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "{15,30}" {
		t.Errorf("result %s", Show(r))
	}
}

// Step in goes into stdlib modules written in Erlang.
func TestStepIntoStdlib(t *testing.T) {
	s := newSession(t, `-module(t).
-export([main/0]).
main() ->
    L = lists:map(fun(X) -> X * 2 end, [1, 2]),
    L.
`)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 4}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	// The breakpoint also covers the fun's body on line 4.
	if _, err := s.d.SetBreakpoints("t", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.d.Step(e.Pid, StepIn); err != nil {
		t.Fatal(err)
	}
	s.stopped(StopStep)
	fs, err := s.d.Stack(e.Pid)
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Module != "lists" || fs[0].Function != "map" {
		t.Fatalf("step in went to %+v", fs[0])
	}
	if err := s.d.Step(e.Pid, StepOut); err != nil {
		t.Fatal(err)
	}
	s.stopped(StopStep)
	if got := s.where(e.Pid); got != "main/0:4" {
		t.Errorf("step out to %s", got)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "[2,4]" {
		t.Errorf("result %s", Show(r))
	}
}

func TestBreakOnCrash(t *testing.T) {
	s := newSession(t, loopSrc)
	s.d.SetBreakOnCrash(true)
	s.call("crash", term.MakeList(term.MakeTuple(term.MakeInt(5), term.MakeInt(1))))
	e := s.stopped(StopException)
	if e.Exception == nil || Show(e.Exception.Reason) != "{badmatch,false}" {
		t.Fatalf("exception: %+v", e.Exception)
	}
	if got := s.where(e.Pid); got != "crash/1:19" {
		t.Errorf("crashed at %s", got)
	}
	if got := s.bindings(e.Pid, 0); got != "L=[{5,1}] Len=1" {
		t.Errorf("bindings: %s", got)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	r := <-s.done
	if exc, ok := r.err.(*Exception); !ok || Show(exc.Reason) != "{badmatch,false}" {
		t.Errorf("call ended with %v", r.err)
	}
	// A caught exception does not stop.
	s2 := newSession(t, `-module(t).
-export([main/0]).
main() -> catch error(boom).
`)
	s2.d.SetBreakOnCrash(true)
	s2.call("main")
	if r := s2.result(); Show(r) != "{'EXIT',{boom,[{t,main,0,[{file,\"t.erl\"},{line,3}]}]}}" {
		t.Errorf("caught: %s", Show(r))
	}
}

func TestPause(t *testing.T) {
	s := newSession(t, `-module(t).
-export([main/0]).
main() -> loop(0).
loop(N) ->
    loop(N + 1).
`)
	started := make(chan uint64, 1)
	s.d.Subscribe(func(e Event) {
		if e.Kind == EventProcessStarted {
			started <- e.Pid
		}
	})
	s.call("main")
	pid := <-started
	if err := s.d.Pause(pid); err != nil {
		t.Fatal(err)
	}
	s.stopped(StopPause)
	if got := s.where(pid); !strings.HasPrefix(got, "loop/1:") {
		t.Errorf("paused at %s", got)
	}
	bs, _ := s.d.Bindings(pid, 0)
	if len(bs) != 1 || bs[0].Name != "N" {
		t.Errorf("bindings %v", bs)
	}
	if err := s.d.Pause(pid); err != nil {
		t.Error(err)
	}
	if err := s.d.Pause(999); err == nil {
		t.Error("pause of an unknown pid succeeded")
	}
	if _, err := s.d.Stack(999); err == nil {
		t.Error("stack of an unknown pid succeeded")
	}
	// The endless loop stays paused until the test binary exits.
}

// Breakpoints survive a reload and are re-verified against the new code.
func TestBreakpointsSurviveReload(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 15}}); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(loopSrc, "add(A, B) ->\n    A + B.", "add(A, B) ->\n    io:format(\"\"),\n    A + B.", 1)
	if err := s.vm.LoadModule("t.erl", []byte(src)); err != nil {
		t.Fatal(err)
	}
	ev := s.next(EventBreakpoint)
	if !ev.Breakpoint.Verified || ev.Breakpoint.Line != 15 {
		t.Errorf("re-verified as %+v", ev.Breakpoint)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	if got := s.where(e.Pid); got != "add/2:15" {
		t.Errorf("stopped at %s", got)
	}
	s.d.ContinueAll()
	s.d.SetBreakpoints("t", nil)
	s.d.ContinueAll()
	s.result()
}

func TestStopOnEntryKillAndProcesses(t *testing.T) {
	s := newSession(t, `-module(t).
-export([main/0]).
main() ->
    loop(0).
loop(N) -> loop(N + 1).
`)
	s.d.SetStopOnEntry(true)
	s.call("main")
	e := s.stopped(StopEntry)
	if got := s.where(e.Pid); got != "main/0:4" {
		t.Errorf("entry stop at %s", got)
	}
	ps := s.d.Processes()
	if len(ps) != 1 || ps[0].InitialCall != "t:main/0" || !ps[0].Stopped || ps[0].Reason != StopEntry {
		t.Errorf("processes: %+v", ps)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if info, err := s.d.Process(e.Pid); err != nil || info.Stopped {
		t.Errorf("after continue: %+v %v", info, err)
	}
	// Kill the running loop.
	if err := s.d.Kill(e.Pid); err != nil {
		t.Fatal(err)
	}
	r := <-s.done
	if exc, ok := r.err.(*Exception); !ok || Show(exc.Reason) != "killed" {
		t.Errorf("killed process ended with %v", r.err)
	}
	if ex := s.next(EventProcessExited); ex.Pid != e.Pid {
		t.Errorf("exit event %+v", ex)
	}
	if len(s.d.Processes()) != 0 {
		t.Error("dead process still listed")
	}
}

func TestEvalShellKeepsBindings(t *testing.T) {
	m, _ := load(t, loopSrc)
	d := m.Debugger()
	v, bs, err := d.EvalShell("X = 2, {ok, Y} = {ok, X * 3}.", nil)
	if err != nil || Show(v) != "{ok,6}" || len(bs) != 2 || bs[0].Name != "X" || Show(bs[1].Value) != "6" {
		t.Fatalf("first line: %s %v %v", Show(v), bs, err)
	}
	v, bs, err = d.EvalShell("Z = X + Y, [Z | t:sum(3, 0) bsl 0 =:= 6 andalso [yes]]", bs)
	if err != nil || Show(v) != "[8,yes]" || len(bs) != 3 {
		t.Fatalf("second line: %s %v %v", Show(v), bs, err)
	}
	if _, _, err := d.EvalShell("X = 3", bs); err == nil || !strings.Contains(err.Error(), "badmatch") {
		t.Errorf("rebinding X: %v", err)
	}
	if _, _, err := d.EvalShell("Q + 1", bs); err == nil || !strings.Contains(err.Error(), "unbound") {
		t.Errorf("unbound Q: %v", err)
	}
}

// A process that ends while a pause is pending gives its traps back:
// functions run their pristine code again.
func TestPendingPauseReleasedAtExit(t *testing.T) {
	m, _ := load(t, loopSrc)
	d := m.Debugger()
	started := make(chan uint64, 1)
	d.Subscribe(func(e Event) {
		if e.Kind == EventProcessStarted {
			started <- e.Pid
		}
	})
	d.SetStopOnEntry(true)
	done := make(chan error, 1)
	go func() {
		_, err := m.Call("t", "main")
		done <- err
	}()
	pid := <-started
	if err := d.Kill(pid); err != nil {
		t.Fatal(err)
	}
	<-done
	fn := m.loadedModule("t").funcs["sum/2"]
	if d.global != 0 || &fn.code[0] != &fn.debugInfo().orig[0] {
		t.Errorf("traps left after exit: global=%d", d.global)
	}
}

// Two processes stop at the same breakpoint independently: continuing one
// lets it finish while the other stays stopped.
func TestTwoProcessesStopIndependently(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 15, Condition: "A =:= 1"}}); err != nil {
		t.Fatal(err)
	}
	results := make(chan string, 2)
	for _, n := range []int64{3, 4} {
		go func() {
			v, err := s.vm.Call("t", "sum", term.MakeInt(n), term.MakeInt(0))
			results <- fmt.Sprintf("%s %v", Show(v), err)
		}()
	}
	a, b := s.stopped(StopBreakpoint), s.stopped(StopBreakpoint)
	if a.Pid == b.Pid {
		t.Fatal("one process stopped twice")
	}
	ba, bb := s.bindings(a.Pid, 0), s.bindings(b.Pid, 0)
	if ba == bb || !strings.HasPrefix(ba, "A=1 ") || !strings.HasPrefix(bb, "A=1 ") {
		t.Errorf("bindings %q and %q", ba, bb)
	}
	if err := s.d.Continue(a.Pid); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-results:
		if r != "6 <nil>" && r != "10 <nil>" {
			t.Errorf("first result %s", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the continued process did not finish")
	}
	if p, err := s.d.Process(b.Pid); err != nil || !p.Stopped {
		t.Errorf("the other process: %+v %v", p, err)
	}
	if err := s.d.Continue(b.Pid); err != nil {
		t.Fatal(err)
	}
	<-results
}

const genSrc = `-module(t).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
main() ->
    {ok, Pid} = gen_server:start_link({local, ctr}, t, 10, []),
    R = gen_server:call(ctr, {add, 5}),
    {R, is_pid(Pid)}.
init(N) -> {ok, N}.
handle_call({add, K}, _From, N) ->
    N1 = N + K,
    {reply, N1, N1}.
handle_cast(_, N) -> {noreply, N}.
`

// Stepping through a gen_server callback: the stop is in the server
// process, with gen_server's own frames below the callback; the process
// state shows its registered name and its link to the caller.
func TestStepThroughGenServerCallback(t *testing.T) {
	s := newSession(t, genSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 10}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	if got := s.where(e.Pid); got != "handle_call/3:10" {
		t.Errorf("stopped at %s", got)
	}
	if got := s.bindings(e.Pid, 0); got != "K=5 N=10 _From="+s.bindingOf(e.Pid, "_From") {
		t.Errorf("bindings %s", got)
	}
	fs, _ := s.d.Stack(e.Pid)
	var mods []string
	for _, f := range fs {
		mods = append(mods, f.Module)
	}
	if strings.Join(mods, " ") != "t gen gen_server proc_lib" {
		t.Errorf("stack modules %v", mods)
	}
	info, err := s.d.Process(e.Pid)
	if err != nil || info.RegisteredName != "ctr" || len(info.Links) != 1 || info.Status != "stopped" || info.CurrentFunction != "t:handle_call/3" {
		t.Errorf("process info %+v %v", info, err)
	}
	caller, err := s.d.Process(info.Links[0])
	if err != nil || caller.Status != "waiting" || caller.Stopped {
		t.Errorf("the caller %+v %v", caller, err)
	}
	if err := s.d.Step(e.Pid, StepOver); err != nil {
		t.Fatal(err)
	}
	s.stopped(StopStep)
	if got := s.bindings(e.Pid, 0); !strings.Contains(got, "N1=15") {
		t.Errorf("after step over: %s", got)
	}
	if v, err := s.d.Eval(e.Pid, 0, "{N1, K * 2}"); err != nil || Show(v) != "{15,10}" {
		t.Errorf("eval %s %v", Show(v), err)
	}
	if err := s.d.Step(e.Pid, StepOut); err != nil {
		t.Fatal(err)
	}
	s.stopped(StopStep)
	// Out to the caller: gen:callback, which runs callbacks under catch.
	if fs, _ := s.d.Stack(e.Pid); fs[0].Module != "gen" || len(fs) != 3 {
		t.Errorf("step out of the callback went to %+v", fs[0])
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "{15,true}" {
		t.Errorf("result %s", Show(r))
	}
}

func (s *session) bindingOf(pid uint64, name string) string {
	bs, _ := s.d.Bindings(pid, 0)
	for _, b := range bs {
		if b.Name == name {
			return Show(b.Value)
		}
	}
	return "?"
}

const supSrc = `-module(t).
-behaviour(supervisor).
-export([main/0, init/1, worker/0]).
main() ->
    {ok, Sup} = supervisor:start_link({local, top}, t, []),
    [{w1, W1, _, _}, {w0, _, _, _}] = supervisor:which_children(Sup),
    exit(W1, kill),
    timer:sleep(10),
    done.
init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => w0, start => {t, worker, []}}, #{id => w1, start => {t, worker, []}}]}}.
worker() ->
    {ok, spawn_link(fun() -> receive stop -> ok end end)}.
`

// The process tree as a snapshot (a supervisor's children by child id,
// links, names) and as events (spawn, link, register, exit with reason).
func TestProcessTreeSnapshotAndEvents(t *testing.T) {
	s := newSession(t, supSrc)
	tree := make(chan Event, 1000)
	s.d.Subscribe(func(e Event) { tree <- e })
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 8}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	var sup ProcessInfo
	for _, p := range s.d.Processes() {
		if p.RegisteredName == "top" {
			sup = p
		}
	}
	if len(sup.Children) != 2 || Show(sup.Children[0].ID) != "w1" || Show(sup.Children[1].ID) != "w0" || sup.Children[0].Pid == 0 {
		t.Fatalf("supervisor %+v", sup)
	}
	if !sup.TrapExit || len(sup.Links) != 3 {
		t.Errorf("supervisor links %v trap_exit %v", sup.Links, sup.TrapExit)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	s.result()
	var log []string
	names := map[uint64]string{}
	for len(tree) > 0 {
		ev := <-tree
		switch ev.Kind {
		case EventRegister:
			names[ev.Pid] = ev.Name
			log = append(log, "register "+ev.Name)
		case EventProcessExited:
			if ev.ExitReason.IsAtom("killed") {
				log = append(log, "exit killed")
			}
		case EventLink:
			if names[ev.Pid] == "top" {
				log = append(log, "top links")
			}
		case EventSupervisorRestart:
			log = append(log, "restart "+Show(ev.ChildID))
		}
	}
	// The supervisor links its two workers, then the restarted one.
	want := "register top|top links|top links|exit killed|restart w1|top links"
	if got := strings.Join(log, "|"); !strings.Contains(got, want) {
		t.Errorf("events %s, want them to contain %s", got, want)
	}
}

// A process waiting in receive pauses at once, at its receive; a message
// sent meanwhile waits in its mailbox; resumed, it takes it.
func TestPauseWaitingProcess(t *testing.T) {
	m := New(NewConfig().WithOutsideEvents(true))
	if err := m.LoadModule("t.erl", []byte(`-module(t).
-export([main/0, waiter/0]).
main() ->
    P = spawn(t, waiter, []),
    register(w, P),
    monitor(process, P),
    receive {'DOWN', _, process, P, R} -> R end.
waiter() ->
    receive
        go -> done
    end.
`)); err != nil {
		t.Fatal(err)
	}
	s := &session{t: t, vm: m, d: m.Debugger(), events: make(chan Event, 1000), done: make(chan callResult, 1)}
	s.d.Subscribe(func(e Event) { s.events <- e })
	s.call("main")
	var pid uint64
	deadline := time.Now().Add(10 * time.Second)
	for pid == 0 && time.Now().Before(deadline) {
		for _, p := range s.d.Processes() {
			if p.RegisteredName == "w" && p.Status == "waiting" {
				pid = p.Pid
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if pid == 0 {
		t.Fatal("no waiting process w")
	}
	if err := s.d.Pause(pid); err != nil {
		t.Fatal(err)
	}
	e := s.stopped(StopPause)
	if e.Pid != pid {
		t.Fatalf("stopped %d, want %d", e.Pid, pid)
	}
	if got := s.where(pid); got != "waiter/0:9" {
		t.Errorf("paused at %s", got)
	}
	m.Send(term.MakePid(pid), term.MakeAtom("go"))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		info, _ := s.d.Process(pid)
		if !info.Stopped {
			t.Fatalf("the paused process ran: %+v", info)
		}
		if len(info.Messages) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the message never arrived")
		}
	}
	if err := s.d.Continue(pid); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "normal" {
		t.Errorf("result %s", Show(r))
	}
}

// Frames name their module version; a frame left in old code says so.
func TestFrameModuleVersions(t *testing.T) {
	s := newSession(t, loopSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 5}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	if err := s.vm.LoadModule("t.erl", []byte(loopSrc)); err != nil {
		t.Fatal(err)
	}
	fs, err := s.d.Stack(e.Pid)
	if err != nil || fs[0].Version != 1 || !fs[0].Old {
		t.Fatalf("frame after a reload: %+v %v", fs, err)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	s.result()
	s.call("main")
	e = s.stopped(StopBreakpoint)
	if fs, _ := s.d.Stack(e.Pid); fs[0].Version != 2 || fs[0].Old {
		t.Errorf("frame in the new version: %+v", fs[0])
	}
	s.d.ContinueAll()
	s.result()
}

// Subscribers hear events in the order they subscribed; a cancelled one
// hears nothing more, and the others go on hearing.
func TestSubscribeAndCancel(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([go/0]).
go() -> spawn(fun() -> ok end), ok.
`)
	var heard []string
	d := m.Debugger()
	cancelA := d.Subscribe(func(e Event) {
		if e.Kind == EventProcessStarted {
			heard = append(heard, "a")
		}
	})
	cancelB := d.Subscribe(func(e Event) {
		if e.Kind == EventProcessStarted {
			heard = append(heard, "b")
		}
	})
	defer cancelB()
	if _, err := m.Call("t", "go"); err != nil {
		t.Fatal(err)
	}
	cancelA()
	if _, err := m.Call("t", "go"); err != nil {
		t.Fatal(err)
	}
	cancelB()
	if _, err := m.Call("t", "go"); err != nil {
		t.Fatal(err)
	}
	// Each call starts its own process and the one it spawns.
	if got, want := strings.Join(heard, ""), "ababbb"; got != want {
		t.Errorf("heard %q, want %q", got, want)
	}
	if d.listening() {
		t.Error("still listening with every subscriber cancelled")
	}
}
