package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// rawSession drives a server with hand-written bytes and reads its replies.
type rawSession struct {
	t      *testing.T
	writes chan string // written in order by one goroutine: the pipe blocks
	out    *stream
}

func startRaw(t *testing.T, s *Server) *rawSession {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	go s.Serve(ctx, inR, outW, outW)
	r := &rawSession{t: t, writes: make(chan string, 100), out: newStream(outR, io.Discard, nil, slog.New(slog.DiscardHandler))}
	go func() {
		for w := range r.writes {
			if _, err := inW.Write([]byte(w)); err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { cancel(); close(r.writes); inW.Close(); outR.Close() })
	return r
}

func (r *rawSession) send(raw string) {
	r.writes <- raw
}

func (r *rawSession) frame(body string) {
	r.send(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// next returns the next response, skipping notifications.
func (r *rawSession) next() *jsonrpc2.Response {
	r.t.Helper()
	ch := make(chan jsonrpc2.Message, 1)
	go func() {
		for {
			m, _, err := r.out.Read(context.Background())
			if err != nil {
				close(ch)
				return
			}
			if _, ok := m.(*jsonrpc2.Response); ok {
				ch <- m
				return
			}
		}
	}()
	select {
	case m, ok := <-ch:
		if !ok {
			r.t.Fatal("the server closed its output")
		}
		return m.(*jsonrpc2.Response)
	case <-time.After(20 * time.Second):
		r.t.Fatal("no response")
	}
	return nil
}

func wantCode(t *testing.T, what string, resp *jsonrpc2.Response, code jsonrpc2.Code) {
	t.Helper()
	var e *jsonrpc2.Error
	if err := resp.Err(); err == nil || !asRPC(err, &e) || e.Code != code {
		t.Errorf("%s: got error %v, want code %d", what, resp.Err(), code)
	}
}

func asRPC(err error, e **jsonrpc2.Error) bool {
	x, ok := err.(*jsonrpc2.Error)
	*e = x
	return ok
}

func TestRobustness(t *testing.T) {
	s := New(Options{Debounce: time.Millisecond})
	s.handlers["test/panic"] = func(context.Context, *Server, json.RawMessage) (any, error) {
		var m map[string]int
		m["boom"]++ // a nil-map write: a real runtime panic
		return nil, nil
	}
	r := startRaw(t, s)
	r.frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}`)
	if resp := r.next(); resp.Err() != nil {
		t.Fatalf("initialize: %v", resp.Err())
	}
	r.frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)

	r.frame(`{"jsonrpc":"2.0","id":2,`) // malformed JSON
	wantCode(t, "malformed JSON", r.next(), jsonrpc2.ParseError)

	// Binary garbage, a header without a length, then a good request.
	garbage := make([]byte, 10000)
	for i := range garbage {
		garbage[i] = byte(i*7 + 3)
	}
	r.send(string(garbage) + "\r\n\r\nX-Nothing: 1\r\n\r\n")
	r.frame(`{"jsonrpc":"2.0","id":3,"method":"no/such/method"}`)
	resp := r.next()
	if id, _ := resp.ID().Number(); id != 3 {
		t.Fatalf("after garbage: response to %v, want 3", resp.ID())
	}
	wantCode(t, "unknown method", resp, jsonrpc2.MethodNotFound)

	r.frame(`{"jsonrpc":"2.0","id":4,"method":"test/panic"}`)
	wantCode(t, "panicking handler", r.next(), jsonrpc2.InternalError)

	r.frame(`{"jsonrpc":"2.0","id":5,"method":"initialize","params":"not an object"}`)
	wantCode(t, "bad params", r.next(), jsonrpc2.InvalidParams)

	// Notifications about closed documents and out-of-range edits are
	// logged and ignored.
	r.frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nope.erl","version":2},"contentChanges":[{"text":"x"}]}}`)
	r.frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///r.erl","languageId":"erlang","version":1,"text":"-module(r).\n"}}}`)
	r.frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///r.erl","version":2},"contentChanges":[{"range":{"start":{"line":90,"character":0},"end":{"line":91,"character":0}},"text":"x"}]}}`)

	// A 5 MB document.
	var big strings.Builder
	big.WriteString("-module(big).\n-export([f/0]).\n")
	for big.Len() < 5<<20 {
		fmt.Fprintf(&big, "%% padding line %d with some text to make it long enough\n", big.Len())
	}
	big.WriteString("f() -> ok.\n")
	text, _ := json.Marshal(big.String())
	r.frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///big.erl","languageId":"erlang","version":1,"text":` + string(text) + `}}}`)

	r.frame(`{"jsonrpc":"2.0","id":8,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///nope.erl"}}}`)
	wantCode(t, "request for a closed document", r.next(), jsonrpc2.InvalidParams)
	r.frame(`{"jsonrpc":"2.0","id":10,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///r.erl"},"position":{"line":999,"character":0}}}`)
	wantCode(t, "out-of-range position", r.next(), jsonrpc2.InvalidParams)
	r.frame(`{"jsonrpc":"2.0","id":9,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///big.erl"}}}`)
	if resp := r.next(); resp.Err() != nil || !strings.Contains(string(resp.Result()), `"f/0"`) {
		t.Errorf("outline of the 5 MB document: %v %.200s", resp.Err(), resp.Result())
	}

	r.frame(`{"jsonrpc":"2.0","id":6,"method":"shutdown"}`)
	if resp := r.next(); resp.Err() != nil {
		t.Fatalf("shutdown after all that: %v", resp.Err())
	}
	r.frame(`{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}`)
	wantCode(t, "request after shutdown", r.next(), jsonrpc2.InvalidRequest)
	if d := s.docs.get("file:///r.erl"); d == nil || d.Version != 1 {
		t.Errorf("the out-of-range edit changed r.erl: %+v", d)
	}
	if d := s.docs.get("file:///big.erl"); d == nil || len(d.Text) < 5<<20 {
		t.Error("the 5 MB document was not opened")
	}
}

// Every navigation and editing request answers garbage params, a closed
// document and an out-of-range position with an error, and the server
// goes on answering.
func TestRobustnessOfFeatures(t *testing.T) {
	s := New(Options{Debounce: time.Millisecond, StdlibCache: t.TempDir()})
	r := startRaw(t, s)
	r.frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}`)
	if resp := r.next(); resp.Err() != nil {
		t.Fatalf("initialize: %v", resp.Err())
	}
	r.frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	r.frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///r.erl","languageId":"erlang","version":1,"text":"-module(r).\nf(X) -> g(X, .\n"}}}`)
	positional := []string{methodReferences, methodDocumentHighlight, methodPrepareRename, methodRename, methodSignatureHelp, methodDefinition, methodHover, methodCompletion}
	whole := []string{methodCodeAction, methodCodeLens, methodSemanticTokensFull, methodSemanticTokensRange}
	id := 100
	ask := func(method, params string, want jsonrpc2.Code) {
		t.Helper()
		id++
		r.frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, id, method, params))
		wantCode(t, method+" "+params, r.next(), want)
	}
	for _, m := range append(positional, whole...) {
		ask(m, `"garbage"`, jsonrpc2.InvalidParams)
		ask(m, `{"textDocument":{"uri":"file:///closed.erl"},"position":{"line":0,"character":0},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":1}},"newName":"X","context":{}}`, jsonrpc2.InvalidParams)
	}
	for _, m := range positional {
		ask(m, `{"textDocument":{"uri":"file:///r.erl"},"position":{"line":99,"character":0},"newName":"Y","context":{}}`, jsonrpc2.InvalidParams)
	}
	ask(methodCodeAction, `{"textDocument":{"uri":"file:///r.erl"},"range":{"start":{"line":99,"character":0},"end":{"line":99,"character":1}},"context":{}}`, jsonrpc2.InvalidParams)
	ask(methodSemanticTokensRange, `{"textDocument":{"uri":"file:///r.erl"},"range":{"start":{"line":99,"character":0},"end":{"line":99,"character":1}}}`, jsonrpc2.InvalidParams)
	// Renaming to a name that is not one is refused; so is renaming
	// nothing.
	ask(methodRename, `{"textDocument":{"uri":"file:///r.erl"},"position":{"line":1,"character":2},"newName":"not a var"}`, jsonrpc2.InvalidParams)
	ask(methodPrepareRename, `{"textDocument":{"uri":"file:///r.erl"},"position":{"line":0,"character":0}}`, jsonrpc2.InvalidRequest)
	// Commands: garbage, an unknown one, arguments of the wrong type, and
	// the process commands before any run.
	ask(methodExecuteCommand, `"garbage"`, jsonrpc2.InvalidParams)
	ask(methodExecuteCommand, `{"command":"otpbox.nope"}`, jsonrpc2.InvalidParams)
	ask(methodExecuteCommand, `{"command":"otpbox.run","arguments":[1,2,3]}`, jsonrpc2.InvalidParams)
	ask(methodExecuteCommand, `{"command":"otpbox.test","arguments":["file:///r.erl"]}`, jsonrpc2.InvalidParams)
	ask(methodExecuteCommand, `{"command":"otpbox.processTree"}`, jsonrpc2.InvalidRequest)
	ask(methodExecuteCommand, `{"command":"otpbox.kill","arguments":["<0.1.0>"]}`, jsonrpc2.InvalidRequest)
	ask(methodCompletionResolve, `{"label":"x","data":"not an object"}`, jsonrpc2.InvalidParams)
	ask(methodWorkspaceSymbol, `[1]`, jsonrpc2.InvalidParams)
	// The broken document still gets answers.
	for _, m := range positional {
		id++
		r.frame(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":{"textDocument":{"uri":"file:///r.erl"},"position":{"line":1,"character":9},"context":{}}}`, id, m))
		resp := r.next()
		if e := resp.Err(); e != nil && m != methodPrepareRename && m != methodRename {
			t.Errorf("%s on a broken document: %v", m, e)
		}
	}
	r.frame(`{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"lists:rev"}}`)
	if resp := r.next(); resp.Err() != nil || !strings.Contains(string(resp.Result()), `"lists:reverse/1"`) {
		t.Errorf("workspace/symbol after all that: %v %.200s", resp.Err(), resp.Result())
	}
}
