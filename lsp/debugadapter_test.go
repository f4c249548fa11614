package lsp

import (
	"bufio"
	"encoding/json"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// dapClient is a go-dap client over TCP, as an editor attaching to the
// language server's sandbox would be.
type dapClient struct {
	t      *testing.T
	conn   net.Conn
	seq    int
	resps  chan godap.ResponseMessage
	events chan godap.EventMessage
}

func dialDAP(t *testing.T, addr string) *dapClient {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	c := &dapClient{t: t, conn: conn, resps: make(chan godap.ResponseMessage, 16), events: make(chan godap.EventMessage, 256)}
	go func() {
		r := bufio.NewReader(conn)
		for {
			m, err := godap.ReadProtocolMessage(r)
			if err != nil {
				close(c.resps)
				return
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

// send sends a request and returns its response.
func (c *dapClient) send(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	c.seq++
	b, err := json.Marshal(map[string]any{"seq": c.seq, "type": "request", "command": command, "arguments": args})
	if err != nil {
		c.t.Fatal(err)
	}
	if err := godap.WriteBaseMessage(c.conn, b); err != nil {
		c.t.Fatal(err)
	}
	select {
	case r, ok := <-c.resps:
		if !ok {
			c.t.Fatalf("%s: the adapter closed the connection", command)
		}
		if r.GetResponse().RequestSeq != c.seq {
			c.t.Fatalf("%s: response to request %d, want %d", command, r.GetResponse().RequestSeq, c.seq)
		}
		return r
	case <-time.After(20 * time.Second):
		c.t.Fatalf("%s: no response", command)
	}
	return nil
}

func (c *dapClient) ok(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	r := c.send(command, args)
	if !r.GetResponse().Success {
		c.t.Fatalf("%s failed: %s", command, r.GetResponse().Message)
	}
	return r
}

func (c *dapClient) event(name string) godap.EventMessage {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case e := <-c.events:
			if e.GetEvent().Event == name {
				return e
			}
		case <-timeout:
			c.t.Fatalf("no %s event", name)
		}
	}
}

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
// continues; the run then returns the server's reply.
func TestDebugAdapterAttachesToWorkspaceSandbox(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir()})
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

	d := dialDAP(t, da.Address)
	d.ok("initialize", map[string]any{"adapterID": "otpbox"})
	r := d.send("attach", map[string]any{"sandbox": "workspace", "token": da.Token + "x"})
	if r.GetResponse().Success || !strings.Contains(r.GetResponse().Message, "token") {
		t.Fatalf("attach with a wrong token: %+v", r.GetResponse())
	}
	d.ok("attach", map[string]any{"sandbox": "workspace", "token": da.Token})
	d.event("initialized")
	bps := d.ok("setBreakpoints", map[string]any{"source": map[string]any{"path": path}, "breakpoints": []any{map[string]any{"line": 8}}}).(*godap.SetBreakpointsResponse)
	if len(bps.Body.Breakpoints) != 1 || !bps.Body.Breakpoints[0].Verified {
		t.Fatalf("breakpoints %+v", bps.Body.Breakpoints)
	}
	d.ok("configurationDone", nil)

	type result struct {
		res RunResult
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := run("bump")
		done <- result{res, err}
	}()
	st := d.event("stopped").(*godap.StoppedEvent)
	if st.Body.Reason != "breakpoint" || st.Body.AllThreadsStopped {
		t.Fatalf("stopped %+v", st.Body)
	}
	frames := d.ok("stackTrace", map[string]any{"threadId": st.Body.ThreadId}).(*godap.StackTraceResponse).Body.StackFrames
	if len(frames) == 0 || frames[0].Name != "counter:handle_call/3" || frames[0].Line != 8 || frames[0].Source == nil || frames[0].Source.Path != path {
		t.Fatalf("stack %+v", frames)
	}
	scopes := d.ok("scopes", map[string]any{"frameId": frames[0].Id}).(*godap.ScopesResponse).Body.Scopes
	vars := d.ok("variables", map[string]any{"variablesReference": scopes[0].VariablesReference}).(*godap.VariablesResponse).Body.Variables
	got := map[string]string{}
	for _, v := range vars {
		got[v.Name] = v.Value
	}
	if got["K"] != "5" || got["N"] != "10" {
		t.Errorf("bindings %v, want K=5 N=10", got)
	}
	select {
	case r := <-done:
		t.Fatalf("the run ended while its server was stopped: %+v %v", r.res, r.err)
	default:
	}
	d.ok("continue", map[string]any{"threadId": st.Body.ThreadId})
	select {
	case r := <-done:
		if r.err != nil || r.res.Value != "15" {
			t.Fatalf("bump after continue: %+v %v", r.res, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the run did not end after continue")
	}
	d.ok("disconnect", nil)
}
