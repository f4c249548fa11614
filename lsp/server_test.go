package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// client is the test's side of a real jsonrpc2 connection to an in-process
// server.
type client struct {
	t     testing.TB
	conn  jsonrpc2.Conn
	srv   *Server
	diags chan PublishDiagnosticsParams
	// notes receives the otpbox/* notifications and window/showMessage.
	notes chan note
	done  chan error
}

// note is one custom notification the client received.
type note struct {
	method string
	params json.RawMessage
}

func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Debounce == 0 {
		opts.Debounce = time.Millisecond
	}
	a, b := net.Pipe()
	s := New(opts)
	c := &client{t: t, srv: s, diags: make(chan PublishDiagnosticsParams, 100), notes: make(chan note, 1000), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { c.done <- s.Serve(ctx, a, a, a) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(b), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(ctx, func(_ context.Context, req *jsonrpc2.Request) (any, error) {
		if req.Method() == methodPublishDiagnostics {
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("bad publishDiagnostics: %v", err)
			}
			c.diags <- p
		}
		if strings.HasPrefix(req.Method(), "otpbox/") || req.Method() == methodShowMessage {
			select {
			case c.notes <- note{strings.Clone(req.Method()), append(json.RawMessage(nil), req.Params()...)}:
			default:
				t.Errorf("too many otpbox notifications")
			}
		}
		return nil, nil
	})
	t.Cleanup(func() {
		cancel()
		b.Close()
	})
	return c
}

func (c *client) call(method string, params, result any) error {
	// A guard against a hung server, not a speed check: the first run in a
	// fresh checkout compiles the wasm guest (7 s on this 2-core box at load
	// 8, with every test package doing the same), which a 10 s limit failed.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *client) notify(method string, params any) {
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

func (c *client) initialize(root string, encodings ...string) InitializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": pathToURI(root), "capabilities": map[string]any{}}
	if encodings != nil {
		params["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": encodings}}
	}
	var res InitializeResult
	if err := c.call(methodInitialize, params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notify(methodInitialized, map[string]any{})
	return res
}

// waitDiags returns the next diagnostics published for uri at version.
func (c *client) waitDiags(uri string, version int32) []Diagnostic {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri && p.Version != nil && *p.Version == version {
				return p.Diagnostics
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

func TestInitializeNegotiatesEncoding(t *testing.T) {
	for _, tc := range []struct {
		offer []string
		want  string
	}{
		{nil, encUTF16},
		{[]string{"utf-16"}, encUTF16},
		{[]string{"utf-16", "utf-32"}, encUTF32},
		{[]string{"utf-32", "utf-8", "utf-16"}, encUTF8},
		{[]string{"latin-1"}, encUTF16},
	} {
		c := startServer(t, Options{})
		res := c.initialize(t.TempDir(), tc.offer...)
		if res.Capabilities.PositionEncoding != tc.want {
			t.Errorf("offer %v: got %q, want %q", tc.offer, res.Capabilities.PositionEncoding, tc.want)
		}
		if res.Capabilities.TextDocumentSync == nil || res.Capabilities.TextDocumentSync.Change != syncIncremental {
			t.Errorf("offer %v: textDocumentSync %+v, want incremental", tc.offer, res.Capabilities.TextDocumentSync)
		}
	}
}

func TestLifecycle(t *testing.T) {
	c := startServer(t, Options{})
	var code *jsonrpc2.Error
	if err := c.call("textDocument/hover", map[string]any{}, nil); !errors.As(err, &code) || code.Code != serverNotInitialized {
		t.Errorf("request before initialize: got %v, want code %d", err, serverNotInitialized)
	}
	c.initialize(t.TempDir())
	if err := c.call(methodInitialize, map[string]any{"capabilities": map[string]any{}}, nil); err == nil {
		t.Error("a second initialize succeeded")
	}
	if err := c.call(methodShutdown, nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	c.notify(methodExit, nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(t.TempDir())
	c.notify(methodExit, nil)
	select {
	case err := <-c.done:
		if !errors.Is(err, ErrExitWithoutShutdown) {
			t.Errorf("Serve: got %v, want ErrExitWithoutShutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after exit")
	}
}

func TestDiagnosticsOnOpenAndIncrementalChange(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	c.initialize(dir)
	path := filepath.Join(dir, "src", "m.erl")
	uri := pathToURI(path)
	// The atom before the error holds an astral-plane character, which is
	// two UTF-16 code units: a wrong conversion misplaces the diagnostic.
	text := "-module(m).\n-export([f/0]).\nf() -> {'\U0001F600', X}.\n"
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: text}})
	ds := c.waitDiags(uri, 1)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "variable 'X' is unbound") {
		t.Fatalf("diagnostics on open: %+v", ds)
	}
	// X is at character 8 + len("{'😀', ") in UTF-16: "f() -> {" is 8,
	// "'😀'" is 4 units, ", " is 2.
	if got, want := ds[0].Range.Start, (Position{Line: 2, Character: 14}); got != want || ds[0].Severity != 1 {
		t.Errorf("diagnostic at %+v severity %d, want %+v severity 1", got, ds[0].Severity, want)
	}
	// Replace X with ok, addressing it in UTF-16 units.
	c.notify(methodDidChange, DidChangeTextDocumentParams{
		TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{
			Range: &Range{Start: Position{Line: 2, Character: 14}, End: Position{Line: 2, Character: 15}},
			Text:  "ok",
		}},
	})
	if ds := c.waitDiags(uri, 2); len(ds) != 0 {
		t.Fatalf("diagnostics after fixing: %+v", ds)
	}
	// Introduce an unused function: a warning.
	c.notify(methodDidChange, DidChangeTextDocumentParams{
		TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 3},
		ContentChanges: []TextDocumentContentChangeEvent{{
			Range: &Range{Start: Position{Line: 3, Character: 0}, End: Position{Line: 3, Character: 0}},
			Text:  "g() -> ok.\n",
		}},
	})
	ds = c.waitDiags(uri, 3)
	if len(ds) != 1 || ds[0].Severity != 2 || !strings.Contains(ds[0].Message, "function g/0 is unused") || ds[0].Range.Start.Line != 3 {
		t.Fatalf("diagnostics after adding g/0: %+v", ds)
	}
}

// A behaviour defined in the workspace is found through the index, so a
// module missing one of its callbacks gets erlc's warning.
func TestWorkspaceBehaviour(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("apps/a/src/beh.erl", "-module(beh).\n-callback run() -> ok.\n")
	p := write("apps/b/src/impl.erl", "-module(impl).\n-behaviour(beh).\n")
	c := startServer(t, Options{})
	c.initialize(dir)
	uri := pathToURI(p)
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: "-module(impl).\n-behaviour(beh).\n"}})
	ds := c.waitDiags(uri, 1)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "undefined callback function run/0 (behaviour 'beh')") {
		t.Fatalf("diagnostics: %+v", ds)
	}
}

// A client that takes snippets gets calls with the first clause's
// argument names as placeholders.
func TestCompletionSnippet(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	params := map[string]any{"processId": nil, "rootUri": pathToURI(dir), "capabilities": map[string]any{
		"textDocument": map[string]any{"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}}}}}
	if err := c.call(methodInitialize, params, nil); err != nil {
		t.Fatal(err)
	}
	c.notify(methodInitialized, map[string]any{})
	uri := pathToURI(filepath.Join(dir, "s.erl"))
	text := "-module(s).\n-export([f/0]).\narea({W, H}, _Scale, Unit) -> {W * H, Unit}.\nf() -> ar.\n"
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	var got CompletionList
	if err := c.call(methodCompletion, TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: 3, Character: 9}}, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 1 || got.Items[0].InsertText != "area(${1:Tuple}, ${2:Scale}, ${3:Unit})" || got.Items[0].InsertTextFormat != 2 {
		t.Errorf("completion: %+v", got.Items)
	}
}

// An open header gets its syntax errors, not the complaints of a module
// (no -module, unused records and functions).
func TestHeaderDiagnostics(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "include", "h.hrl"))
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: "-record(r, {a}).\nhelper() -> ok.\nbroken( -> .\n"}})
	ds := c.waitDiags(uri, 1)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "syntax error") || ds[0].Range.Start.Line != 2 {
		t.Fatalf("diagnostics of a header: %+v", ds)
	}
}

// A behaviour changed on disk (a git checkout, say) reaches the open
// modules that implement it through didChangeWatchedFiles.
func TestWatchedFileChangeRechecksDependents(t *testing.T) {
	dir := t.TempDir()
	beh := filepath.Join(dir, "src", "beh.erl")
	if err := os.MkdirAll(filepath.Dir(beh), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(beh, []byte("-module(beh).\n-callback run() -> ok.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{})
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "src", "impl.erl"))
	text := "-module(impl).\n-behaviour(beh).\n-export([run/0]).\nrun() -> ok.\n"
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	if ds := c.waitDiags(uri, 1); len(ds) != 0 {
		t.Fatalf("diagnostics before the change: %+v", ds)
	}
	if err := os.WriteFile(beh, []byte("-module(beh).\n-callback run() -> ok.\n-callback stop() -> ok.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(methodDidChangeWatchedFiles, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(beh), Type: fileChanged}}})
	ds := c.waitDiags(uri, 1)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "undefined callback function stop/0") {
		t.Fatalf("diagnostics after the behaviour changed: %+v", ds)
	}
	// Deleting it: the behaviour is unknown now.
	os.Remove(beh)
	c.notify(methodDidChangeWatchedFiles, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(beh), Type: fileDeleted}}})
	ds = c.waitDiags(uri, 1)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "behaviour beh undefined") {
		t.Fatalf("diagnostics after the behaviour was deleted: %+v", ds)
	}
}
