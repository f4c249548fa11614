package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox"
)

// otpbox.run runs main/0 in the workspace sandbox with its output as
// otpbox/output; saving the module hot-loads it (otpbox/reloaded) and the
// next run sees the new code; otpbox.test runs EUnit.
func TestRunTestAndHotReload(t *testing.T) {
	needGuest(t, sandbox.Wasm) // the workspace sandbox's default isolation
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir()})
	path := filepath.Join(dir, "src", "hello.erl")
	v1 := "-module(hello).\n-export([main/0]).\nmain() -> io:format(\"hello first~n\"), {done, 1}.\n"
	writeTestFile(t, path, v1)
	tests := filepath.Join(dir, "test", "hello_tests.erl")
	writeTestFile(t, tests, "-module(hello_tests).\n-include_lib(\"eunit/include/eunit.hrl\").\nok_test() -> ?assertEqual({done, 2}, hello:main()).\n")
	c.initialize(dir)
	uri := pathToURI(path)
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: v1}})
	c.waitDiags(uri, 1)

	run := func(cmd string, args ...any) RunResult {
		t.Helper()
		var res RunResult
		if err := c.call(methodExecuteCommand, map[string]any{"command": cmd, "arguments": args}, &res); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		return res
	}
	waitNote := func(method, contains string) {
		t.Helper()
		timeout := time.After(20 * time.Second)
		var seen []string
		for {
			select {
			case n := <-c.notes:
				seen = append(seen, n.method+" "+string(n.params))
				if n.method == method && strings.Contains(string(n.params), contains) {
					return
				}
			case <-timeout:
				t.Fatalf("no %s containing %q; saw %q", method, contains, seen)
			}
		}
	}

	if res := run(cmdRun, uri, "hello", "main"); res.Value != "{done,1}" || res.Exception != "" {
		t.Errorf("first run: %+v", res)
	}
	waitNote(notifyOutput, "hello first")
	if res := run(cmdTest, uri, "hello_tests"); res.Value != "error" {
		t.Errorf("tests against v1 (they expect v2): %+v, want error", res)
	}

	v2 := strings.ReplaceAll(strings.ReplaceAll(v1, "first", "second"), "1}", "2}")
	c.notify(methodDidChange, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2}, ContentChanges: []TextDocumentContentChangeEvent{{Text: v2}}})
	c.notify(methodDidSave, DidSaveTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	waitNote(notifyReloaded, `"module":"hello","version":2`)
	if res := run(cmdTest, uri, "hello_tests", "ok_test"); res.Value != "ok" {
		t.Errorf("tests after the reload: %+v, want ok", res)
	}
	if res := run(cmdRun, uri, "hello", "main"); res.Value != "{done,2}" {
		t.Errorf("run after the reload: %+v", res)
	}
	waitNote(notifyOutput, "hello second")

	var res json.RawMessage
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{uri}}, &res); err == nil {
		t.Error("otpbox.run without a module: no error")
	}
	if err := c.call(methodExecuteCommand, map[string]any{"command": "otpbox.nope"}, &res); err == nil {
		t.Error("an unknown command: no error")
	}
}

// Above a gen_server module loaded in the workspace sandbox, a lens counts
// its running processes.
func TestLiveBehaviourLens(t *testing.T) {
	needGuest(t, sandbox.Wasm) // the workspace sandbox's default isolation
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir()})
	counter := "-module(counter).\n-behaviour(gen_server).\n-export([start/0, init/1, handle_call/3, handle_cast/2]).\n" +
		"start() -> gen_server:start(?MODULE, [], []).\ninit(A) -> {ok, A}.\nhandle_call(_, _, S) -> {reply, ok, S}.\nhandle_cast(_, S) -> {noreply, S}.\n"
	cpath := filepath.Join(dir, "src", "counter.erl")
	writeTestFile(t, cpath, counter)
	writeTestFile(t, filepath.Join(dir, "src", "boot.erl"), "-module(boot).\n-export([main/0]).\nmain() -> {ok, _} = counter:start(), {ok, _} = counter:start(), started.\n")
	c.initialize(dir)
	uri := pathToURI(cpath)
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: counter}})
	c.waitDiags(uri, 1)
	live := func() []string {
		var got []CodeLens
		if err := c.call(methodCodeLens, CodeLensParams{TextDocument: TextDocumentIdentifier{URI: uri}}, &got); err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, l := range got {
			if strings.HasPrefix(l.Command.Title, "gen_server") {
				titles = append(titles, l.Command.Title)
			}
		}
		return titles
	}
	if got := live(); len(got) != 0 {
		t.Errorf("before any run: %q, want no live lens", got)
	}
	var res RunResult
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{pathToURI(filepath.Join(dir, "src", "boot.erl")), "boot", "main"}}, &res); err != nil || res.Value != "started" {
		t.Fatalf("run: %+v, %v", res, err)
	}
	if got := live(); len(got) != 1 || got[0] != "gen_server · 2 processes running" {
		t.Errorf("after starting two: %q", got)
	}

	// The process tree lists both, with their initial call; killing one
	// leaves one running.
	var tree ProcessTreeParams
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdProcessTree}, &tree); err != nil {
		t.Fatal(err)
	}
	var pids []string
	for _, p := range tree.Processes {
		if p.InitialCall == "counter:init/1" {
			pids = append(pids, p.Pid)
		}
	}
	if len(pids) != 2 || !strings.HasPrefix(pids[0], "<") {
		t.Fatalf("process tree: %+v, want two counter:init/1 processes", tree)
	}
	var none any
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdKill, "arguments": []any{pids[0]}}, &none); err != nil {
		t.Fatal(err)
	}
	if got := live(); len(got) != 1 || got[0] != "gen_server · 1 process running" {
		t.Errorf("after killing one: %q", got)
	}
	if err := c.call(methodExecuteCommand, map[string]any{"command": cmdKill, "arguments": []any{"not a pid"}}, &none); err == nil {
		t.Error("killing \"not a pid\": no error")
	}
}

// A module created outside the editor (workspace/didChangeWatchedFiles)
// is searched by references from then on, and a deleted one no longer.
func TestWatchedFilesJoinReferences(t *testing.T) {
	c, dir, uri := openWorkspaceModule(t, "lib", "-module(lib).\n-export([f/0]).\nf() -> ok.\n")
	refs := func() int {
		t.Helper()
		var p ReferenceParams
		p.TextDocument.URI, p.Position = uri, Position{Line: 2, Character: 0}
		var got []Location
		if err := c.call(methodReferences, p, &got); err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	if n := refs(); n != 1 {
		t.Fatalf("references before: %d, want 1 (the export entry)", n)
	}
	user := filepath.Join(dir, "src", "user.erl")
	writeTestFile(t, user, "-module(user).\n-export([g/0]).\ng() -> lib:f().\n")
	c.notify(methodDidChangeWatchedFiles, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(user), Type: fileCreated}}})
	// Notifications and requests may be handled concurrently: wait a
	// little for the change to be taken.
	eventually := func(want int) int {
		n := refs()
		for deadline := time.Now().Add(5 * time.Second); n != want && time.Now().Before(deadline); n = refs() {
			time.Sleep(10 * time.Millisecond)
		}
		return n
	}
	if n := eventually(2); n != 2 {
		t.Errorf("references after user.erl was created: %d, want 2", n)
	}
	if err := os.Remove(user); err != nil {
		t.Fatal(err)
	}
	c.notify(methodDidChangeWatchedFiles, DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathToURI(user), Type: fileDeleted}}})
	if n := eventually(1); n != 1 {
		t.Errorf("references after user.erl was deleted: %d, want 1", n)
	}
}

// TestReloadCommand: otpbox.reload loads the editor's text of a module
// into the workspace sandbox at once, reports the new version, keeps the
// version when nothing changed, and refuses a module that does not
// compile.
func TestReloadCommand(t *testing.T) {
	needGuest(t, sandbox.Wasm) // the workspace sandbox's default isolation
	v1 := "-module(hot).\n-export([main/0]).\nmain() -> {v, 1}.\n"
	c, _, uri := openWorkspaceModule(t, "hot", v1)
	runMain := func() string {
		t.Helper()
		var res RunResult
		if err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{uri, "hot", "main"}}, &res); err != nil {
			t.Fatalf("run: %v", err)
		}
		return res.Value
	}
	reload := func() (ReloadedParams, error) {
		var p ReloadedParams
		err := c.call(methodExecuteCommand, map[string]any{"command": cmdReload, "arguments": []any{uri}}, &p)
		return p, err
	}
	if got := runMain(); got != "{v,1}" {
		t.Fatalf("first run = %s", got)
	}
	change := func(version int32, text string) {
		c.notify(methodDidChange, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version}, ContentChanges: []TextDocumentContentChangeEvent{{Text: text}}})
	}
	change(2, strings.ReplaceAll(v1, "1}", "2}"))
	p, err := reload()
	if err != nil || p.Module != "hot" || p.Version != 2 {
		t.Fatalf("reload = %+v, %v; want hot version 2", p, err)
	}
	if got := runMain(); got != "{v,2}" {
		t.Errorf("run after reload = %s, want {v,2}", got)
	}
	if p, err := reload(); err != nil || p.Version != 2 {
		t.Errorf("reload of an unchanged module = %+v, %v; want version 2 again", p, err)
	}
	change(3, "-module(hot).\n-export([main/0]).\nmain() -> {v, .\n")
	if _, err := reload(); err == nil || !strings.Contains(err.Error(), "hot.erl") {
		t.Errorf("reload of a module with a syntax error: %v, want an error naming hot.erl", err)
	}
}

// openWorkspaceModule starts a server on a fresh workspace holding
// src/NAME.erl with text, opens it in the editor and waits for its first
// diagnostics.
func openWorkspaceModule(t *testing.T, name, text string) (c *client, dir, uri string) {
	t.Helper()
	dir = t.TempDir()
	c = startServer(t, Options{StdlibCache: t.TempDir()})
	path := filepath.Join(dir, "src", name+".erl")
	writeTestFile(t, path, text)
	c.initialize(dir)
	uri = pathToURI(path)
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	return c, dir, uri
}
