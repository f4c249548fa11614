package lsp

import (
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/internal/daptest"
	"github.com/otpbox/otpbox/sandbox"
)

const debugCounterSrc = `-module(counter).
-behaviour(gen_server).
-export([start/0, bump/0, init/1, handle_call/3, handle_cast/2]).
start() -> {ok, _} = gen_server:start({local, counter}, ?MODULE, 10, []), started.
bump() -> gen_server:call(counter, {add, 5}).
init(N) -> {ok, N}.
handle_call({add, K}, _From, N) ->
    New = N + K,
    {reply, New, New}.
handle_cast(_, N) -> {noreply, N}.
`

// otpbox.debugAdapter serves a debug adapter for the very sandbox
// otpbox.run uses: a client attaches with the token (a wrong one is
// refused), stops the workspace's gen_server at a breakpoint in
// handle_call while a run calls it, reads the stack and bindings, and
// continues; the run then returns the server's reply. A save hot-loads
// the module into that sandbox under the attached session, and the
// breakpoint stops the new code.
func TestDebugAdapterAttachesToWorkspaceSandbox(t *testing.T) {
	for _, iso := range []sandbox.Isolation{sandbox.Wasm, sandbox.Native} {
		t.Run(iso.String(), func(t *testing.T) { testDebugAdapterAttach(t, iso) })
	}
}

func testDebugAdapterAttach(t *testing.T, iso sandbox.Isolation) {
	needGuest(t, iso)
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir(), Isolation: iso})
	path := filepath.Join(dir, "src", "counter.erl")
	writeTestFile(t, path, debugCounterSrc)
	c.initialize(dir)
	uri := pathToURI(path)
	run := func(fun string) (RunResult, error) {
		var res RunResult
		err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{uri, "counter", fun}}, &res)
		return res, err
	}
	if res, err := run("start"); err != nil || res.Value != "started" {
		t.Fatalf("start: %+v %v", res, err)
	}

	var da DebugAdapterResult
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdDebugAdapter}, &da); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(da.Address, "127.0.0.1:") || len(da.Token) < 32 {
		t.Fatalf("debugAdapter answered %+v", da)
	}

	conn, err := net.Dial("tcp", da.Address)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	d := daptest.New(t, conn, conn)
	d.OK("initialize", map[string]any{"adapterID": "otpbox"})
	r := d.Send("attach", map[string]any{"sandbox": "workspace", "token": da.Token + "x"})
	if r.GetResponse().Success || !strings.Contains(r.GetResponse().Message, "token") {
		t.Fatalf("attach with a wrong token: %+v", r.GetResponse())
	}
	d.OK("attach", map[string]any{"sandbox": "workspace", "token": da.Token})
	d.Event("initialized")
	bps := d.OK("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": []any{map[string]any{"line": 8}}}).(*godap.SetBreakpointsResponse)
	if len(bps.Body.Breakpoints) != 1 || !bps.Body.Breakpoints[0].Verified {
		t.Fatalf("breakpoints %+v", bps.Body.Breakpoints)
	}
	d.OK("configurationDone", nil)

	// bump runs counter:bump() through the breakpoint: stopped in
	// handle_call with the server's state N, then continued to the reply.
	bump := func(wantN, want string) {
		t.Helper()
		type result struct {
			res RunResult
			err error
		}
		done := make(chan result, 1)
		go func() {
			res, err := run("bump")
			done <- result{res, err}
		}()
		st := d.Event("stopped").(*godap.StoppedEvent)
		if st.Body.Reason != "breakpoint" || st.Body.AllThreadsStopped {
			t.Fatalf("stopped %+v", st.Body)
		}
		frames := d.OK("stackTrace", map[string]any{"threadId": st.Body.ThreadId}).(*godap.StackTraceResponse).Body.StackFrames
		if len(frames) == 0 || frames[0].Name != "counter:handle_call/3" || frames[0].Line != 8 || frames[0].Source == nil || frames[0].Source.Path != path {
			t.Fatalf("stack %+v", frames)
		}
		scopes := d.OK("scopes", map[string]any{"frameId": frames[0].Id}).(*godap.ScopesResponse).Body.Scopes
		vars := d.OK("variables", map[string]any{"variablesReference": scopes[0].VariablesReference}).(*godap.VariablesResponse).Body.Variables
		got := map[string]string{}
		for _, v := range vars {
			got[v.Name] = v.Value
		}
		if got["K"] != "5" || got["N"] != wantN {
			t.Errorf("bindings %v, want K=5 N=%s", got, wantN)
		}
		select {
		case r := <-done:
			t.Fatalf("the run ended while its server was stopped: %+v %v", r.res, r.err)
		default:
		}
		d.OK("continue", map[string]any{"threadId": st.Body.ThreadId})
		select {
		case r := <-done:
			if r.err != nil || r.res.Value != want {
				t.Fatalf("bump after continue: %+v %v", r.res, r.err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the run did not end after continue")
		}
	}
	bump("10", "15")

	// A save hot-loads the module into the same sandbox: the breakpoint
	// stays, the server keeps its state, and runs the new code.
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: debugCounterSrc}})
	v2 := strings.Replace(debugCounterSrc, "New = N + K,", "New = N + 2 * K,", 1)
	c.notify(methodDidChange, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []TextDocumentContentChangeEvent{{Text: v2}}})
	c.notify(methodDidSave, DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	timeout := time.After(20 * time.Second)
	for reloaded := false; !reloaded; {
		select {
		case n := <-c.notes:
			reloaded = n.method == notifyReloaded && strings.Contains(string(n.params), `"module":"counter"`)
		case <-timeout:
			t.Fatal("no otpbox/reloaded for counter")
		}
	}
	bump("15", "25")
	d.OK("disconnect", nil)
}
