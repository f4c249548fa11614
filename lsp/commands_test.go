package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// otpbox.run runs main/0 in the workspace sandbox with its output as
// otpbox/output; saving the module hot-loads it (otpbox/reloaded) and the
// next run sees the new code; otpbox.test runs EUnit.
func TestRunTestAndHotReload(t *testing.T) {
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
