package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
	"github.com/otpbox/otpbox/sandbox/erl/vm/conformance"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// imageStatus asks a sandbox started with test hooks for its stdlib
// image: its size, the modules decoded from it, and any problem.
func imageStatus(t *testing.T, s *Sandbox) (size, loaded int64, problem string) {
	t.Helper()
	r, err := s.request(context.Background(), term.MakeTuple(term.MakeAtom("$image")), 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind() != term.KindTuple || r.TupleLen() != 3 || r.Elem(2).Kind() != term.KindBits {
		t.Fatalf("'$image' = %s", vm.Show(r))
	}
	size, _ = r.Elem(0).Int()
	loaded, _ = r.Elem(1).Int()
	return size, loaded, string(r.Elem(2).Bits().Data)
}

// The wasm guest (built by make, which writes the image first) loads the
// library from its embedded image, and native sandboxes from the host's
// copy: lists and gen_server come from it, and nothing was wrong with it.
func TestSandboxLoadsStdlibImage(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			cfg := NewConfig().WithIsolation(iso)
			cfg.testHooks = true
			s := startSandbox(t, cfg)
			size, loaded, problem := imageStatus(t, s)
			if size == 0 {
				testenv.Missing(t, "no stdlib image in this build: make guest writes it")
			}
			if loaded != 0 || problem != "" {
				t.Errorf("before any call: %d modules from the image, problem %q", loaded, problem)
			}
			load(t, s, "imgsrv.erl", imgSrvSrc)
			v, err := s.Call(context.Background(), "imgsrv", "main")
			if err != nil {
				t.Fatal(err)
			}
			if got := vm.Show(v); got != `{[2,4,6],"n=3",7}` {
				t.Errorf("imgsrv:main() = %s", got)
			}
			_, loaded, problem = imageStatus(t, s)
			// lists, gen_server, gen, proc_lib at least.
			if loaded < 4 || problem != "" {
				t.Errorf("after the call: %d modules from the image, problem %q", loaded, problem)
			}
		})
	}
}

const imgSrvSrc = `-module(imgsrv).
-behaviour(gen_server).
-export([main/0, noop/0, init/1, handle_call/3, handle_cast/2]).
noop() -> ok.
main() ->
    L = lists:map(fun(X) -> 2 * X end, [1, 2, 3]),
    S = lists:flatten(io_lib:format("n=~b", [length(L)])),
    {ok, P} = gen_server:start_link(?MODULE, 3, []),
    N = gen_server:call(P, {add, 4}),
    {L, S, N}.
init(N) -> {ok, N}.
handle_call({add, X}, _From, N) -> {reply, N + X, N + X}.
handle_cast(_, N) -> {noreply, N}.
`

// BenchmarkFirstCall is a fresh sandbox's first calls into the library,
// each in a new sandbox closed after it: lists:seq/2 alone; then a
// module loaded from source whose main uses lists:map, io_lib:format and
// a gen_server (loading lists, io_lib's helpers, gen_server, gen and
// proc_lib), against the same module's noop (its load, no library).
func BenchmarkFirstCall(b *testing.B) {
	for _, iso := range []Isolation{Wasm, Native} {
		b.Run(iso.String(), func(b *testing.B) {
			b.Run("lists", func(b *testing.B) {
				benchFreshCall(b, iso, "lists", "seq", makeInt(1), makeInt(10))
			})
			for _, fun := range []string{"noop", "main"} {
				b.Run("program-"+fun, func(b *testing.B) {
					benchSandbox(b, iso, false) // the guest compiled outside the loop
					for b.Loop() {
						s, err := testManager.New(context.Background(), NewConfig().WithIsolation(iso))
						if err != nil {
							b.Fatal(err)
						}
						load(b, s, "imgsrv.erl", imgSrvSrc)
						if _, err := s.Call(context.Background(), "imgsrv", fun); err != nil {
							b.Fatal(err)
						}
						s.Close()
					}
				})
			}
		})
	}
}

const imgDbgSrc = `-module(imgdbg).
-export([main/0, crash/0, info/0]).
main() ->
    L = lists:map(fun double/1, [1, 2]),
    lists:sum(L).
double(X) -> 2 * X.
crash() -> lists:nth(5, [a]).
info() ->
    {lists:module_info(module), length(lists:module_info(exports)),
     length(lists:module_info(functions)), lists:module_info(attributes),
     erlang:function_exported(lists, map, 2), erlang:function_exported(lists, map_1, 2),
     code:is_loaded(lists), code:is_loaded(gen_server), code:ensure_loaded(proplists),
     lists:member({seq, 2}, lists:module_info(exports)), fun lists:map/2}.
`

// TestStdlibImageDebugging runs one debugging session against a wasm
// sandbox, whose library comes from the image, and against a bare VM
// that compiles it from source, and wants the same transcript:
// module_info and code: answers, a stack trace through lists with files
// and lines, a breakpoint in lists:map_1 with its frames, variable names
// and an evaluation there, stepping in and out of the stdlib, record
// definitions in supervisor, and a hot reload of lists itself.
func TestStdlibImageDebugging(t *testing.T) {
	sb := startSandbox(t, NewConfig().WithIsolation(Wasm))
	rt, err := sb.DebugRuntime(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := debugTranscript(t, rt)
	want := debugTranscript(t, dap.NativeRuntime(vm.New(vm.NewConfig().WithOutsideEvents(true))))
	if got != want {
		t.Errorf("the session differs with the library from the image (- source, + image):\n%s", conformance.Diff(want, got))
	}
	if !strings.Contains(want, "stopped at lists:map_1/2 lists.erl:") || !strings.Contains(want, "eval: 42") || !strings.Contains(want, "main: 1006") {
		t.Errorf("the session did not go as planned:\n%s", want)
	}
}

func debugTranscript(t *testing.T, rt dap.Runtime) string {
	t.Helper()
	var b strings.Builder
	say := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	d := rt.Debugger()
	stops := make(chan uint64, 16)
	cancel := d.Subscribe(func(e vm.Event) {
		if e.Kind == vm.EventStopped {
			select {
			case stops <- e.Pid:
			default:
			}
		}
	})
	defer cancel()
	if err := rt.LoadModule("imgdbg.erl", []byte(imgDbgSrc)); err != nil {
		t.Fatal(err)
	}
	v, err := rt.Call("imgdbg", "info")
	say("info: %s %v", vm.Show(v), err)
	_, err = rt.Call("imgdbg", "crash")
	var exc *vm.Exception
	if errors.As(err, &exc) {
		say("crash: %s %s\n  %s", vm.Show(exc.Class), vm.Show(exc.Reason), vm.Show(exc.Stacktrace))
	} else {
		say("crash: %v", err)
	}
	say("functions: %v", d.Functions("lists")[:5])
	d.Functions("supervisor")
	fields, ok := d.RecordFields("supervisor", "child")
	say("supervisor's #child{}: %v %v", fields, ok)

	src, err := fs.ReadFile(stdlib.FS, "lists.erl")
	if err != nil {
		t.Fatal(err)
	}
	line := 0
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "map_1(F, [H") {
			line = i + 1
		}
	}
	bps, err := d.SetBreakpoints("lists", []vm.LineBreakpoint{{Line: line}})
	say("breakpoints: %+v %v", bps, err)
	done := make(chan string, 1)
	go func() {
		v, err := rt.Call("imgdbg", "main")
		done <- fmt.Sprint(vm.Show(v), " ", err)
	}()
	pid := waitStop(t, stops)
	top := func(what string) {
		frames, err := d.Stack(pid)
		if err != nil || len(frames) == 0 {
			t.Fatalf("%s: stack %v, %v", what, frames, err)
		}
		var fs []string
		for _, f := range frames {
			fs = append(fs, fmt.Sprintf("%s:%s/%d %s:%d v%d", f.Module, f.Function, f.Arity, f.File, f.Line, f.Version))
		}
		say("stopped at %s\n  frames %v", fs[0], fs)
		bs, err := d.Bindings(pid, 0)
		var names []string
		for _, b := range bs {
			names = append(names, b.Name+"="+vm.Show(b.Value))
		}
		say("  bindings %v %v", names, err)
	}
	top("breakpoint")
	v, err = d.Eval(pid, 0, "F(21)")
	say("eval: %s %v", vm.Show(v), err)
	_, err = d.SetBreakpoints("lists", nil)
	say("cleared: %v", err)
	for _, step := range []vm.StepKind{vm.StepIn, vm.StepOut, vm.StepOver, vm.StepOut} {
		if err := d.Step(pid, step); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		pid = waitStop(t, stops)
		top(fmt.Sprint("step ", step))
	}
	if err := d.Continue(pid); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		say("main: %s", r)
	case <-time.After(20 * time.Second):
		t.Fatal("main did not return")
	}

	// Reloading lists replaces the image's version like any other.
	reloaded := strings.Replace(string(src), "sum(L) -> sum(L, 0).", "sum(L) -> sum(L, 1000).", 1)
	if reloaded == string(src) {
		t.Fatal("lists.erl has no sum(L) -> sum(L, 0).")
	}
	err = rt.LoadModule("lists.erl", []byte(reloaded))
	v, err2 := rt.Call("imgdbg", "main")
	say("reloaded lists: %v, main: %s %v", err, vm.Show(v), err2)
	for _, m := range d.Modules() {
		if m.Name == "lists" {
			say("module %+v", m)
		}
	}
	return b.String()
}

func waitStop(t *testing.T, stops chan uint64) uint64 {
	t.Helper()
	select {
	case pid := <-stops:
		return pid
	case <-time.After(20 * time.Second):
		t.Fatal("no stop")
	}
	return 0
}
