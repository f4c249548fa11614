package lsp

import (
	"encoding/json"
	"path/filepath"
	"strconv"
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

// Each otpbox.sandbox limit is read in otpbox run's units; a bad value
// names the setting and the value and keeps the old one while the good
// values beside it apply; null is the default again.
func TestSandboxSettingsUpdate(t *testing.T) {
	def := defaultSandboxSettings(sandbox.Wasm)
	cases := []struct {
		json string
		want func(*sandboxSettings)
		errs []string
	}{
		{`{"memory": "64MiB", "maxOutput": "512KiB", "maxModuleSize": 2048}`, func(s *sandboxSettings) {
			s.memory, s.maxOutput, s.maxModuleSize = 64<<20, 512<<10, 2048
		}, nil},
		{`{"timeout": "1m30s", "maxProcesses": 7, "maxAtoms": "5000", "isolation": "native"}`, func(s *sandboxSettings) {
			s.timeout, s.maxProcesses, s.maxAtoms, s.iso = 90*time.Second, 7, 5000, sandbox.Native
		}, nil},
		{`{"memory": "lots", "maxProcesses": 9}`, func(s *sandboxSettings) { s.maxProcesses = 9 },
			[]string{`otpbox.sandbox.memory "lots": reading the size: size "lots": want bytes or a number with a unit`}},
		{`{"memory": "0", "maxModuleSize": "0KiB", "maxOutput": "0"}`, func(s *sandboxSettings) { s.maxOutput = 0 },
			[]string{`otpbox.sandbox.memory "0": want at least 1 bytes`, `otpbox.sandbox.maxModuleSize "0KiB": want at least 1 bytes`}},
		{`{"timeout": "soon", "maxAtoms": 0, "maxProcesses": 2.5, "isolation": true}`, nil, []string{
			`otpbox.sandbox.isolation true: want "wasm" or "native"`,
			`otpbox.sandbox.maxProcesses 2.5: want a whole number of at least 1`,
			`otpbox.sandbox.maxAtoms 0: want a whole number of at least 1`,
			`otpbox.sandbox.timeout "soon": want a positive duration`,
		}},
		{`{"timeout": "-5s", "maxOutput": {"bytes": 1}}`, nil, []string{
			`otpbox.sandbox.maxOutput {"bytes": 1}: want a size`,
			`otpbox.sandbox.timeout "-5s": want a positive duration`,
		}},
	}
	for _, tc := range cases {
		var set SandboxSettings
		if err := json.Unmarshal([]byte(tc.json), &set); err != nil {
			t.Fatal(err)
		}
		got, errs := def.update(&set, def)
		want := def
		if tc.want != nil {
			tc.want(&want)
		}
		if got != want {
			t.Errorf("%s: got %+v, want %+v", tc.json, got, want)
		}
		if len(errs) != len(tc.errs) {
			t.Errorf("%s: errors %v, want %d", tc.json, errs, len(tc.errs))
			continue
		}
		for i, e := range errs {
			if !strings.Contains(e.Error(), tc.errs[i]) {
				t.Errorf("%s: error %q, want it to contain %q", tc.json, e, tc.errs[i])
			}
		}
	}

	// null goes back to the default; absent keeps the value.
	changed := def
	changed.memory, changed.maxAtoms, changed.iso = 1<<20, 10, sandbox.Native
	var set SandboxSettings
	if err := json.Unmarshal([]byte(`{"memory": null, "isolation": null}`), &set); err != nil {
		t.Fatal(err)
	}
	got, errs := changed.update(&set, def)
	if want := (sandboxSettings{iso: sandbox.Wasm, memory: def.memory, timeout: def.timeout, maxProcesses: def.maxProcesses,
		maxAtoms: 10, maxOutput: def.maxOutput, maxModuleSize: def.maxModuleSize}); got != want || errs != nil {
		t.Errorf("null: got %+v %v, want %+v", got, errs, want)
	}
}

// The otpbox.sandbox limits reach the workspace sandbox: a change restarts
// it with the new limits at the next run, a bad value is shown to the
// user naming the setting and changes nothing.
func TestSandboxLimitSettings(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{StdlibCache: t.TempDir()})
	path := filepath.Join(dir, "src", "lim.erl")
	writeTestFile(t, path, `-module(lim).
-export([spawns/0, loop/0, flood/0]).
spawns() -> spawns(0).
spawns(N) when N >= 100 -> N;
spawns(N) ->
    try spawn(fun() -> receive stop -> ok end end) of _ -> spawns(N + 1)
    catch error:system_limit -> N
    end.
loop() -> loop().
flood() -> [io:format("~s~n", [lists:duplicate(60, $x)]) || _ <- lists:seq(1, 50)], ok.
`)
	big := filepath.Join(dir, "src", "big.erl")
	writeTestFile(t, big, "-module(big).\n-export([f/0]).\n"+strings.Repeat("%% padding to pass one kibibyte\n", 40)+"f() -> ok.\n")
	settings := func(kv ...any) map[string]any {
		sb := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			sb[kv[i].(string)] = kv[i+1]
		}
		return map[string]any{"otpbox": map[string]any{"sandbox": sb}}
	}
	if err := c.call(methodInitialize, map[string]any{"processId": nil, "rootUri": pathToURI(dir), "capabilities": map[string]any{},
		"initializationOptions": settings("isolation", "native", "maxProcesses", 8, "maxModuleSize", "1KiB")}, &json.RawMessage{}); err != nil {
		t.Fatal(err)
	}
	c.notify(methodInitialized, map[string]any{})
	uri := pathToURI(path)
	run := func(fun string) (RunResult, error) {
		t.Helper()
		var res RunResult
		err := c.call(methodExecuteCommand, map[string]any{"command": cmdRun, "arguments": []any{uri, "lim", fun}}, &res)
		return res, err
	}
	spawns := func() int {
		t.Helper()
		res, err := run("spawns")
		if err != nil {
			t.Fatal(err)
		}
		n, err := strconv.Atoi(res.Value)
		if err != nil {
			t.Fatalf("spawns answered %+v", res)
		}
		return n
	}
	waitSettings := func(ok func(sandboxSettings) bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(c.srv.sandboxSettings()); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the settings are %+v", c.srv.sandboxSettings())
			}
		}
	}
	waitSettings(func(s sandboxSettings) bool { return s.maxProcesses == 8 })

	// The first run starts the sandbox: big.erl is over maxModuleSize.
	res, err := run("spawns")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.CompileErrors) != 1 || !strings.Contains(res.CompileErrors[0], "big.erl") {
		t.Errorf("compile errors %q, want big.erl refused for its size", res.CompileErrors)
	}
	at8, err := strconv.Atoi(res.Value)
	if err != nil || at8 < 1 || at8 >= 8 {
		t.Fatalf("with maxProcesses 8 the program spawned %q", res.Value)
	}
	// The processes it left wait on: a run in the same sandbox spawns none.
	if n := spawns(); n != 0 {
		t.Errorf("a second run in the same sandbox spawned %d, want 0", n)
	}
	c.notify(methodDidChangeConfiguration, map[string]any{"settings": settings("maxProcesses", 20)})
	waitSettings(func(s sandboxSettings) bool { return s.maxProcesses == 20 })
	if n := spawns(); n-at8 != 12 {
		t.Errorf("after maxProcesses 8 -> 20 the program spawned %d, want %d in a new sandbox", n, at8+12)
	}

	c.notify(methodDidChangeConfiguration, map[string]any{"settings": settings("timeout", "300ms", "maxOutput", "1KiB")})
	waitSettings(func(s sandboxSettings) bool { return s.timeout == 300*time.Millisecond })
	if _, err := run("loop"); err == nil || !strings.Contains(err.Error(), "timeout limit (300ms) exceeded") {
		t.Errorf("an endless loop with timeout 300ms: %v", err)
	}
	// The output limit stops the sandbox, whether before the call's answer
	// or just after it (the answer and the output race).
	if _, err := run("flood"); err != nil && !strings.Contains(err.Error(), "output limit (1KiB) exceeded") {
		t.Errorf("3 KiB of output with maxOutput 1KiB: %v", err)
	}
	c.srv.runner.mu.Lock()
	sb := c.srv.runner.sb
	c.srv.runner.mu.Unlock()
	select {
	case <-sb.Done():
		if err := sb.Err(); err == nil || !strings.Contains(err.Error(), "output limit (1KiB) exceeded") {
			t.Errorf("3 KiB of output with maxOutput 1KiB stopped the sandbox with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("3 KiB of output with maxOutput 1KiB did not stop the sandbox")
	}

	c.notify(methodDidChangeConfiguration, map[string]any{"settings": settings("maxAtoms", -3, "maxOutput", "1MiB")})
	timeout := time.After(10 * time.Second)
	for warned := false; !warned; {
		select {
		case n := <-c.notes:
			warned = n.method == methodShowMessage && strings.Contains(string(n.params), `otpbox.sandbox.maxAtoms -3: want a whole number of at least 1; keeping 1048576`)
		case <-timeout:
			t.Fatal("no warning about maxAtoms -3")
		}
	}
	waitSettings(func(s sandboxSettings) bool { return s.maxOutput == 1<<20 && s.maxAtoms == sandbox.DefaultAtomLimit })
	if res, err := run("flood"); err != nil || res.Value != "ok" {
		t.Errorf("with maxOutput 1MiB: %+v %v", res, err)
	}
}
