package dap

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// client is a DAP client over pipes to an in-process adapter, built on
// go-dap's wire types.
type client struct {
	t      testing.TB
	w      io.WriteCloser
	seq    int
	resps  chan godap.ResponseMessage
	events chan godap.EventMessage
	done   chan error
	// output collects output events' text by category as they arrive.
	output map[string]*strings.Builder
}

func startAdapter(t testing.TB) *client {
	t.Helper()
	return startAdapterWith(t, NewConfig())
}

// startAdapterWith serves an adapter configured by cfg to a new client.
func startAdapterWith(t testing.TB, cfg *Config) *client {
	t.Helper()
	cr, sw := io.Pipe() // adapter -> client
	sr, cw := io.Pipe() // client -> adapter
	c := newClient(t, cr, cw)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		err := Serve(ctx, cfg, sr, sw)
		if err != nil {
			t.Log("serve:", err)
		}
		c.done <- err
		sw.Close()
	}()
	t.Cleanup(func() {
		cw.Close()
		cancel()
		select {
		case <-c.done:
		case <-time.After(5 * time.Second):
			t.Error("adapter did not end")
		}
	})
	return c
}

// newClient reads the adapter's messages from r and writes requests to w.
func newClient(t testing.TB, r io.Reader, w io.WriteCloser) *client {
	c := &client{t: t, w: w, resps: make(chan godap.ResponseMessage, 100), events: make(chan godap.EventMessage, 1000), done: make(chan error, 1), output: map[string]*strings.Builder{}}
	go func() {
		br := bufio.NewReader(r)
		for {
			data, err := godap.ReadBaseMessage(br)
			if err != nil {
				close(c.resps)
				return
			}
			m, err := godap.DecodeProtocolMessage(data)
			if err != nil {
				// A response to a custom request (reload).
				var resp godap.Response
				if jerr := json.Unmarshal(data, &resp); jerr != nil {
					t.Errorf("undecodable message %s: %v", data, err)
					continue
				}
				m = &resp
			}
			switch m := m.(type) {
			case godap.ResponseMessage:
				c.resps <- m
			case godap.EventMessage:
				c.events <- m
			}
		}
	}()
	return c
}

// out is the output received so far in category.
func (c *client) out(category string) string {
	if b := c.output[category]; b != nil {
		return b.String()
	}
	return ""
}

// raw sends bytes as they are, framing included.
func (c *client) raw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.w, s); err != nil {
		c.t.Fatal(err)
	}
}

// send sends a request built from command and arguments and returns the
// response.
func (c *client) send(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	c.seq++
	msg := map[string]any{"seq": c.seq, "type": "request", "command": command}
	if args != nil {
		msg["arguments"] = args
	}
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := godap.WriteBaseMessage(c.w, b); err != nil {
		c.t.Fatal(err)
	}
	return c.response(c.seq)
}

func (c *client) response(seq int) godap.ResponseMessage {
	c.t.Helper()
	select {
	case r, ok := <-c.resps:
		if !ok {
			c.t.Fatal("adapter closed the stream")
		}
		if r.GetResponse().RequestSeq != seq {
			c.t.Fatalf("response to %d, want %d", r.GetResponse().RequestSeq, seq)
		}
		return r
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no response to request %d", seq)
	}
	return nil
}

// ok sends a request that must succeed.
func (c *client) ok(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	r := c.send(command, args)
	if !r.GetResponse().Success {
		c.t.Fatalf("%s failed: %s", command, r.GetResponse().Message)
	}
	return r
}

// fails sends a request that must fail with a message containing want.
func (c *client) fails(command string, args any, want string) {
	c.t.Helper()
	r := c.send(command, args)
	if r.GetResponse().Success {
		c.t.Fatalf("%s succeeded, want an error", command)
	}
	if !strings.Contains(r.GetResponse().Message, want) {
		c.t.Fatalf("%s failed with %q, want it to mention %q", command, r.GetResponse().Message, want)
	}
}

// event waits for an event named name, collecting output on the way.
func (c *client) event(name string) godap.EventMessage {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-c.events:
			if o, ok := e.(*godap.OutputEvent); ok {
				b := c.output[o.Body.Category]
				if b == nil {
					b = &strings.Builder{}
					c.output[o.Body.Category] = b
				}
				b.WriteString(o.Body.Output)
			}
			if e.GetEvent().Event == name {
				return e
			}
		case <-timeout:
			c.t.Fatalf("no %s event", name)
		}
	}
}

func (c *client) stopped(reason string) *godap.StoppedEvent {
	c.t.Helper()
	e := c.event("stopped").(*godap.StoppedEvent)
	if e.Body.Reason != reason {
		c.t.Fatalf("stopped for %q (%s), want %q", e.Body.Reason, e.Body.Text, reason)
	}
	if e.Body.AllThreadsStopped {
		c.t.Error("allThreadsStopped is true")
	}
	return e
}

func (c *client) stack(thread int) []godap.StackFrame {
	c.t.Helper()
	r := c.ok("stackTrace", map[string]any{"threadId": thread}).(*godap.StackTraceResponse)
	return r.Body.StackFrames
}

// top is the innermost frame as "mod:fun/arity:line".
func (c *client) top(thread int) string {
	c.t.Helper()
	f := c.stack(thread)[0]
	return fmt.Sprintf("%s:%d", f.Name, f.Line)
}

// locals renders a frame's Locals scope as "Name=Value ...".
func (c *client) locals(frameID int) (string, []godap.Variable) {
	c.t.Helper()
	sc := c.ok("scopes", map[string]any{"frameId": frameID}).(*godap.ScopesResponse)
	vs := c.vars(sc.Body.Scopes[0].VariablesReference)
	var parts []string
	for _, v := range vs {
		parts = append(parts, v.Name+"="+v.Value)
	}
	return strings.Join(parts, " "), vs
}

func (c *client) vars(ref int) []godap.Variable {
	c.t.Helper()
	return c.ok("variables", map[string]any{"variablesReference": ref}).(*godap.VariablesResponse).Body.Variables
}

func (c *client) eval(frameID int, expr string) string {
	c.t.Helper()
	args := map[string]any{"expression": expr, "context": "repl"}
	if frameID != 0 {
		args["frameId"] = frameID
	}
	return c.ok("evaluate", args).(*godap.EvaluateResponse).Body.Result
}

// launch writes files into a temporary folder and launches the first,
// running configure between launch and configurationDone.
func (c *client) launch(files map[string]string, main string, extra map[string]any, configure func(dir string)) string {
	c.t.Helper()
	dir := c.t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			c.t.Fatal(err)
		}
	}
	c.ok("initialize", map[string]any{"adapterID": "otpbox", "linesStartAt1": true, "columnsStartAt1": true})
	args := map[string]any{"program": filepath.Join(dir, main)}
	for k, v := range extra {
		args[k] = v
	}
	c.ok("launch", args)
	c.event("initialized")
	if configure != nil {
		configure(dir)
	}
	c.ok("configurationDone", nil)
	return dir
}

func (c *client) setBreakpoints(path string, bps ...map[string]any) []godap.Breakpoint {
	c.t.Helper()
	r := c.ok("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": bps})
	return r.(*godap.SetBreakpointsResponse).Body.Breakpoints
}

func line(n int) map[string]any { return map[string]any{"line": n} }

// The end of a program: exited with a code, then terminated.
func (c *client) exited(code int) {
	c.t.Helper()
	e := c.event("exited").(*godap.ExitedEvent)
	if e.Body.ExitCode != code {
		c.t.Errorf("exit code %d, want %d", e.Body.ExitCode, code)
	}
	c.event("terminated")
}

const counterSrc = `-module(counter).
-export([main/0, handle_call/3]).
-record(state, {count = 0, name}).

main() ->
    S0 = #state{name = <<"c">>},
    {reply, R1, S1} = handle_call(incr, self, S0),
    {reply, R2, S2} = handle_call({add, 5}, self, S1),
    io:format("~p ~p ~p~n", [R1, R2, S2#state.count]),
    ok.

handle_call(incr, _From, State = #state{count = C}) ->
    New = C + 1,
    {reply, New, State#state{count = New}};
handle_call({add, N}, _From, State) ->
    Total = lists:foldl(fun(X, Acc) -> X + Acc end, State#state.count, [N]),
    {reply, Total, State#state{count = Total}}.
`

// A breakpoint in a callback: stopped, stack, bindings with a record
// expanded by field, next, evaluate, continue, the program's end.
func TestSessionBreakpointStackNextEvalContinue(t *testing.T) {
	c := startAdapter(t)
	var file string
	c.launch(map[string]string{"counter.erl": counterSrc}, "counter.erl", nil, func(dir string) {
		file = filepath.Join(dir, "counter.erl")
		bps := c.setBreakpoints(file, line(13))
		if !bps[0].Verified || bps[0].Line != 13 || bps[0].Source.Path != file {
			t.Fatalf("breakpoint: %+v", bps[0])
		}
	})
	thread := c.event("thread").(*godap.ThreadEvent)
	if thread.Body.Reason != "started" {
		t.Errorf("thread event %+v", thread.Body)
	}
	st := c.stopped("breakpoint")
	tid := st.Body.ThreadId
	if len(st.Body.HitBreakpointIds) != 1 {
		t.Errorf("hit breakpoints %v", st.Body.HitBreakpointIds)
	}
	th := c.ok("threads", nil).(*godap.ThreadsResponse).Body.Threads
	if len(th) != 1 || th[0].Id != tid || !strings.Contains(th[0].Name, "counter:main/0") {
		t.Errorf("threads %+v", th)
	}
	frames := c.stack(tid)
	if len(frames) != 2 || frames[0].Name != "counter:handle_call/3" || frames[0].Line != 13 || frames[0].Source.Path != file || frames[1].Line != 7 {
		t.Fatalf("stack %+v", frames)
	}
	got, vs := c.locals(frames[0].Id)
	if got != `C=0 State={state,0,<<"c">>} _From=self` {
		t.Errorf("locals: %s", got)
	}
	var state godap.Variable
	for _, v := range vs {
		if v.Name == "State" {
			state = v
		}
	}
	if state.Type != "#state{}" || state.VariablesReference == 0 {
		t.Fatalf("State: %+v", state)
	}
	var fields []string
	for _, v := range c.vars(state.VariablesReference) {
		fields = append(fields, v.Name+"="+v.Value)
	}
	if strings.Join(fields, " ") != `count=0 name=<<"c">>` {
		t.Errorf("record fields: %v", fields)
	}
	c.ok("next", map[string]any{"threadId": tid})
	c.stopped("step")
	if got := c.top(tid); got != "counter:handle_call/3:14" {
		t.Errorf("after next: %s", got)
	}
	frames = c.stack(tid)
	if got, _ := c.locals(frames[0].Id); !strings.Contains(got, "New=1") {
		t.Errorf("locals after next: %s", got)
	}
	if r := c.eval(frames[0].Id, "New + C * 10"); r != "1" {
		t.Errorf("evaluate in frame: %s", r)
	}
	if r := c.eval(frames[0].Id, "State#state.name"); r != `<<"c">>` {
		t.Errorf("evaluate a record field: %s", r)
	}
	if r := c.eval(0, "L = lists:reverse([1,2,3])."); r != "[3,2,1]" {
		t.Errorf("evaluate without a frame: %s", r)
	}
	if r := c.eval(0, "hd(L)"); r != "3" {
		t.Errorf("the console keeps its variables: %s", r)
	}
	hover := c.ok("evaluate", map[string]any{"expression": "State", "frameId": frames[0].Id, "context": "hover"}).(*godap.EvaluateResponse)
	if hover.Body.VariablesReference == 0 {
		t.Error("hover on a record gives no children")
	}
	comp := c.ok("completions", map[string]any{"text": "Ne", "column": 3, "frameId": frames[0].Id}).(*godap.CompletionsResponse)
	if len(comp.Body.Targets) == 0 || comp.Body.Targets[0].Label != "New" {
		t.Errorf("completions: %+v", comp.Body.Targets)
	}
	comp = c.ok("completions", map[string]any{"text": "lists:rev", "column": 10}).(*godap.CompletionsResponse)
	if len(comp.Body.Targets) == 0 || comp.Body.Targets[0].Label != "reverse" {
		t.Errorf("completions after lists: %+v", comp.Body.Targets)
	}
	c.setBreakpoints(file)
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if got := c.out("stdout"); got != "1 6 6\n" {
		t.Errorf("program output %q", got)
	}
}

// Conditions, hit conditions and log points, and a function breakpoint.
func TestSessionConditionalHitLogAndFunctionBreakpoints(t *testing.T) {
	c := startAdapter(t)
	src := `-module(loop).
-export([main/0]).
main() -> run(1).
run(10) -> done;
run(N) ->
    Sq = N * N,
    run(N + 1).
`
	c.launch(map[string]string{"loop.erl": src}, "loop.erl", nil, func(dir string) {
		f := filepath.Join(dir, "loop.erl")
		bps := c.setBreakpoints(f,
			map[string]any{"line": 6, "condition": "N =:= 3"},
			map[string]any{"line": 7, "hitCondition": "5"},
			map[string]any{"line": 7, "logMessage": "N is {N}, Sq is {Sq}"})
		for _, b := range bps {
			if !b.Verified {
				t.Fatalf("unverified %+v", b)
			}
		}
		fb := c.ok("setFunctionBreakpoints", map[string]any{"breakpoints": []map[string]any{{"name": "loop:run/1", "condition": "N =:= 8"}, {"name": "bad"}}}).(*godap.SetFunctionBreakpointsResponse)
		if !fb.Body.Breakpoints[0].Verified || fb.Body.Breakpoints[1].Verified {
			t.Fatalf("function breakpoints %+v", fb.Body.Breakpoints)
		}
	})
	var stops []string
	for i := 0; i < 3; i++ {
		e := c.event("stopped").(*godap.StoppedEvent)
		frames := c.stack(e.Body.ThreadId)
		got, _ := c.locals(frames[0].Id)
		stops = append(stops, fmt.Sprintf("%s %s:%d %s", e.Body.Reason, frames[0].Name, frames[0].Line, got))
		c.ok("continue", map[string]any{"threadId": e.Body.ThreadId})
	}
	want := []string{
		"breakpoint loop:run/1:6 N=3",
		"breakpoint loop:run/1:7 N=5 Sq=25",
		"function breakpoint loop:run/1:4 N=8",
	}
	if strings.Join(stops, "\n") != strings.Join(want, "\n") {
		t.Errorf("stops:\n%s\nwant:\n%s", strings.Join(stops, "\n"), strings.Join(want, "\n"))
	}
	c.exited(0)
	logs := c.out("console")
	if !strings.Contains(logs, "N is 1, Sq is 1\n") || !strings.Contains(logs, "N is 9, Sq is 81\n") {
		t.Errorf("log points: %q", logs)
	}
}

// The exception filter stops a crashing process; exceptionInfo gives the
// reason and stack trace; continuing lets it die.
func TestSessionCrashFilter(t *testing.T) {
	c := startAdapter(t)
	src := `-module(boom).
-export([main/0]).
main() ->
    X = lists:sum([1, 2]),
    {ok, Y} = {error, X},
    Y.
`
	c.launch(map[string]string{"boom.erl": src}, "boom.erl", nil, func(string) {
		c.fails("setExceptionBreakpoints", map[string]any{"filters": []string{"nope"}}, "unknown filter")
		c.ok("setExceptionBreakpoints", map[string]any{"filters": []string{"crash"}})
	})
	e := c.stopped("exception")
	tid := e.Body.ThreadId
	if got := c.top(tid); got != "boom:main/0:5" {
		t.Errorf("crash stop at %s", got)
	}
	info := c.ok("exceptionInfo", map[string]any{"threadId": tid}).(*godap.ExceptionInfoResponse)
	if info.Body.BreakMode != "unhandled" || info.Body.Details.Message != "{badmatch,{error,3}}" || !strings.Contains(info.Body.Details.StackTrace, "{boom,main,0,") {
		t.Errorf("exception info %+v %+v", info.Body, info.Body.Details)
	}
	frames := c.stack(tid)
	if got, _ := c.locals(frames[0].Id); got != "X=3" {
		t.Errorf("locals at the crash: %s", got)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(1)
	if !strings.Contains(c.out("stderr"), "badmatch") {
		t.Errorf("stderr: %q", c.out("stderr"))
	}
}

// stepIn goes into lists:map (embedded stdlib source), stepOut comes
// back to the caller's line.
func TestSessionStepIntoStdlib(t *testing.T) {
	c := startAdapter(t)
	src := `-module(m).
-export([main/0]).
main() ->
    L = lists:map(fun double/1, [1, 2]),
    io:format("~p~n", [L]).
double(X) -> 2 * X.
`
	c.launch(map[string]string{"m.erl": src}, "m.erl", map[string]any{"stopOnEntry": true}, nil)
	tid := c.stopped("entry").Body.ThreadId
	if got := c.top(tid); got != "m:main/0:4" {
		t.Errorf("entry at %s", got)
	}
	c.ok("stepIn", map[string]any{"threadId": tid})
	c.stopped("step")
	frames := c.stack(tid)
	if frames[0].Name != "lists:map/2" || frames[0].Source.SourceReference == 0 {
		t.Fatalf("stepped into %+v %+v", frames[0], frames[0].Source)
	}
	src2 := c.ok("source", map[string]any{"sourceReference": frames[0].Source.SourceReference}).(*godap.SourceResponse)
	if !strings.Contains(src2.Body.Content, "-module(lists).") {
		t.Errorf("lists source: %.80q", src2.Body.Content)
	}
	loaded := c.ok("loadedSources", nil).(*godap.LoadedSourcesResponse)
	names := ""
	for _, s := range loaded.Body.Sources {
		names += s.Name + " "
	}
	if !strings.Contains(names, "lists.erl") || !strings.Contains(names, "m.erl") {
		t.Errorf("loaded sources: %s", names)
	}
	c.ok("stepOut", map[string]any{"threadId": tid})
	c.stopped("step")
	if got := c.top(tid); got != "m:main/0:4" {
		t.Errorf("step out to %s", got)
	}
	c.ok("next", map[string]any{"threadId": tid})
	c.stopped("step")
	if got := c.top(tid); got != "m:main/0:5" {
		t.Errorf("next to %s", got)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if c.out("stdout") != "[2,4]\n" {
		t.Errorf("output %q", c.out("stdout"))
	}
}

// A module reloaded during the session keeps its breakpoints, re-verified
// against the new code, and the program carries on in the new version.
func TestSessionHotReload(t *testing.T) {
	c := startAdapter(t)
	src := `-module(hot).
-export([main/0, value/0]).
main() ->
    A = hot:value(),
    B = hot:value(),
    io:format("~p ~p~n", [A, B]).
value() ->
    1.
`
	var file string
	c.launch(map[string]string{"hot.erl": src}, "hot.erl", nil, func(dir string) {
		file = filepath.Join(dir, "hot.erl")
		c.setBreakpoints(file, line(5))
	})
	tid := c.stopped("breakpoint").Body.ThreadId
	newSrc := strings.Replace(src, "value() ->\n    1.", "value() ->\n    io:format(\"new~n\"),\n    2.", 1)
	if err := os.WriteFile(file, []byte(newSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	c.ok("reload", map[string]any{"path": file})
	bp := c.event("breakpoint").(*godap.BreakpointEvent)
	if !bp.Body.Breakpoint.Verified || bp.Body.Breakpoint.Line != 5 {
		t.Errorf("re-verified breakpoint %+v", bp.Body.Breakpoint)
	}
	c.fails("reload", map[string]any{"path": filepath.Join(filepath.Dir(file), "missing.erl")}, "no such file")
	if got := c.stack(tid)[0].Name; got != "hot:main/0 (old code, version 1)" {
		t.Errorf("frame in old code: %s", got)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if got := c.out("stdout"); got != "new\n1 2\n" {
		t.Errorf("output %q", got)
	}
}

// Malformed messages, unknown commands, bad ids and requests while
// running get error responses; the adapter carries on.
func TestRobustness(t *testing.T) {
	c := startAdapter(t)
	c.fails("stackTrace", map[string]any{"threadId": 1}, "no program launched")
	c.raw("Content-Length: 9\r\n\r\n{not json")
	c.raw("Bogus-Header: 1\r\n\r\n")
	c.raw("\x00\x01\xff garbage\r\n\r\n")
	c.fails("stackTrace", map[string]any{"threadId": "one"}, "malformed")
	c.fails("flyToTheMoon", nil, "flyToTheMoon")
	c.fails("launch", map[string]any{"program": "/nonexistent/x.erl"}, "no such file")
	c.fails("launch", map[string]any{}, "program")
	src := `-module(spin).
-export([main/0]).
main() -> spin(0).
spin(N) -> spin(N + 1).
`
	c.launch(map[string]string{"spin.erl": src, "broken.erl.txt": "x"}, "spin.erl", nil, nil)
	tid := c.event("thread").(*godap.ThreadEvent).Body.ThreadId
	c.fails("stackTrace", map[string]any{"threadId": tid}, "running")
	c.fails("next", map[string]any{"threadId": tid}, "running")
	c.fails("continue", map[string]any{"threadId": 9999}, "no such process")
	c.fails("scopes", map[string]any{"frameId": 424242}, "no frame")
	c.fails("variables", map[string]any{"variablesReference": 424242}, "no variables")
	c.fails("evaluate", map[string]any{"expression": "1 +", "context": "repl"}, "expression")
	c.fails("exceptionInfo", map[string]any{"threadId": tid}, "not stopped on an exception")
	c.fails("source", map[string]any{"sourceReference": 77}, "no source")
	c.fails("setBreakpoints", map[string]any{"source": map[string]any{"path": "notes.txt"}, "breakpoints": []any{}}, "not an Erlang module")
	c.ok("pause", map[string]any{"threadId": tid})
	c.stopped("pause")
	if got := c.top(tid); !strings.HasPrefix(got, "spin:spin/1:4") {
		t.Errorf("paused at %s", got)
	}
	c.ok("terminateThreads", map[string]any{"threadIds": []int{tid}})
	if e := c.event("thread").(*godap.ThreadEvent); e.Body.Reason != "exited" {
		t.Errorf("thread event %+v", e.Body)
	}
	c.exited(1)
	c.ok("threads", nil)
	c.ok("disconnect", nil)
}

// A file saved during a session (the editor's save) is reloaded by the
// adapter's watcher; the program carries on in the new version.
func TestSessionReloadOnSave(t *testing.T) {
	c := startAdapter(t)
	src := `-module(saved).
-export([main/0, value/0]).
main() ->
    io:format("~p~n", [saved:value()]).
value() -> old.
`
	dir := c.launch(map[string]string{"saved.erl": src}, "saved.erl", map[string]any{"stopOnEntry": true}, nil)
	tid := c.stopped("entry").Body.ThreadId
	time.Sleep(3 * watchEvery) // the watcher has seen the file as launched
	file := filepath.Join(dir, "saved.erl")
	if err := os.WriteFile(file, []byte(strings.Replace(src, "value() -> old.", "value() -> new.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(c.out("console"), "otpbox: reloaded saved") {
		if time.Now().After(deadline) {
			t.Fatalf("no reload; console: %q", c.out("console"))
		}
		c.event("output")
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if got := c.out("stdout"); got != "new\n" {
		t.Errorf("output %q", got)
	}
}
