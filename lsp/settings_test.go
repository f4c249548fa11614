package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox"
)

// needGuest ends a test that runs a wasm workspace sandbox when the guest
// module was not built (make guest): a skip, or a failure in CI.
func needGuest(t *testing.T, iso sandbox.Isolation) {
	t.Helper()
	if err := sandbox.GuestBuilt(); iso == sandbox.Wasm && err != nil {
		testenv.Missing(t, "%v", err)
	}
}

// The otpbox.sandbox.isolation setting, from initializationOptions and
// then workspace/didChangeConfiguration, picks where the workspace
// sandbox runs: a change restarts it in the new isolation at the next
// run, which prints and returns the same as before; a bad value is shown
// to the user and changes nothing.
func TestIsolationSetting(t *testing.T) {
	needGuest(t, sandbox.Wasm)
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir()})
	path := filepath.Join(dir, "src", "iso.erl")
	writeTestFile(t, path, "-module(iso).\n-export([main/0]).\nmain() -> io:format(\"~p~n\", [lists:sum([1, 2, 3])]), {pid, is_pid(self())}.\n")
	settings := func(iso string) map[string]any {
		return map[string]any{"otpbox": map[string]any{"sandbox": map[string]any{"isolation": iso}}}
	}
	if err := c.call(methodInitialize, map[string]any{"processId": nil, "rootUri": pathToURI(dir), "capabilities": map[string]any{},
		"initializationOptions": settings("native")}, &json.RawMessage{}); err != nil {
		t.Fatal(err)
	}
	c.notify(methodInitialized, map[string]any{})
	uri := pathToURI(path)

	running := func() sandbox.Isolation {
		t.Helper()
		c.srv.runner.mu.Lock()
		defer c.srv.runner.mu.Unlock()
		if c.srv.runner.sb == nil {
			t.Fatal("no workspace sandbox")
		}
		return c.srv.runner.sb.Isolation()
	}
	run := func(want sandbox.Isolation) {
		t.Helper()
		var res RunResult
		if err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{uri, "iso", "main"}}, &res); err != nil {
			t.Fatal(err)
		}
		if res.Value != "{pid,true}" || res.Exception != "" {
			t.Errorf("%v: run answered %+v", want, res)
		}
		if got := running(); got != want {
			t.Errorf("the workspace sandbox runs in %v, want %v", got, want)
		}
		timeout := time.After(20 * time.Second)
		for {
			select {
			case n := <-c.notes:
				if n.method == notifyOutput && strings.Contains(string(n.params), `"text":"6\n"`) {
					return
				}
			case <-timeout:
				t.Fatalf("%v: no output 6", want)
			}
		}
	}
	change := func(iso string) {
		t.Helper()
		c.notify(methodDidChangeConfiguration, map[string]any{"settings": settings(iso)})
	}
	waitSetting := func(want sandbox.Isolation) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); c.srv.isolation() != want; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the setting is %v, want %v", c.srv.isolation(), want)
			}
		}
	}

	waitSetting(sandbox.Native)
	run(sandbox.Native)
	change("wasm")
	waitSetting(sandbox.Wasm)
	run(sandbox.Wasm)

	change("beam")
	timeout := time.After(10 * time.Second)
	for warned := false; !warned; {
		select {
		case n := <-c.notes:
			warned = n.method == methodShowMessage && strings.Contains(string(n.params), `isolation \"beam\": want \"wasm\" or \"native\"; keeping wasm`)
		case <-timeout:
			t.Fatal("no warning about isolation \"beam\"")
		}
	}
	run(sandbox.Wasm)
}
