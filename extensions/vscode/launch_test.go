package vscode_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/internal/daptest"
	"github.com/otpbox/otpbox/internal/testenv"
)

// resolveLaunches runs launch.js's withSandboxLimits (what the extension's
// resolveDebugConfiguration returns for a launch) in Node on each case.
func resolveLaunches(t *testing.T, cases []map[string]any) []map[string]any {
	t.Helper()
	node := testenv.LookPath(t, "node")
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("test", "launch_check.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("launch_check.js: %v\n%s", err, stderr.String())
	}
	var got []map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("launch_check.js printed %q: %v", out, err)
	}
	return got
}

// TestLaunchTakesSandboxLimits checks that a launch gets the otpbox.sandbox
// limits but timeout, that launch.json's own limits win key by key, and that
// attach configurations are left alone.
func TestLaunchTakesSandboxLimits(t *testing.T) {
	settings := map[string]any{"isolation": "native", "memory": "128MiB", "timeout": "30s", "maxProcesses": 50, "maxAtoms": 9000, "maxOutput": "1MiB", "maxModuleSize": "2MiB"}
	got := resolveLaunches(t, []map[string]any{
		{"config": map[string]any{"type": "otpbox", "request": "launch", "program": "a.erl"}, "sandbox": settings},
		{"config": map[string]any{"type": "otpbox", "request": "launch", "program": "a.erl", "limits": map[string]any{"maxProcesses": 5, "timeout": "1s"}}, "sandbox": settings},
		{"config": map[string]any{"type": "otpbox", "request": "attach", "sandbox": "workspace"}, "sandbox": settings},
		{"config": map[string]any{"type": "otpbox", "request": "launch", "program": "a.erl"}, "sandbox": map[string]any{"memory": "", "maxAtoms": nil}},
	})
	want := []map[string]any{
		{"type": "otpbox", "request": "launch", "program": "a.erl", "limits": map[string]any{"memory": "128MiB", "maxProcesses": 50.0, "maxAtoms": 9000.0, "maxOutput": "1MiB", "maxModuleSize": "2MiB"}},
		{"type": "otpbox", "request": "launch", "program": "a.erl", "limits": map[string]any{"memory": "128MiB", "maxProcesses": 5.0, "maxAtoms": 9000.0, "maxOutput": "1MiB", "maxModuleSize": "2MiB", "timeout": "1s"}},
		{"type": "otpbox", "request": "attach", "sandbox": "workspace"},
		{"type": "otpbox", "request": "launch", "program": "a.erl"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resolved\n%v\nwant\n%v", got, want)
	}
}

// TestResolvedLaunchLimitsHold launches what the extension resolves from
// otpbox.sandbox.maxProcesses 5 in the real otpbox dap: spawning stops
// with system_limit once five processes are alive; a bad setting's launch
// fails naming the limit and the value.
func TestResolvedLaunchLimitsHold(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "many.erl")
	src := `-module(many).
-export([main/0]).
main() -> receive after 100 -> ok end, io:format("spawned ~p~n", [spawn_until(0)]).
spawn_until(N) ->
    try spawn(fun() -> receive stop -> ok end end) of
        _ -> spawn_until(N + 1)
    catch error:system_limit -> io:format("system_limit~n"), N
    end.
`
	if err := os.WriteFile(prog, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	launches := resolveLaunches(t, []map[string]any{
		{"config": map[string]any{"type": "otpbox", "request": "launch", "program": prog}, "sandbox": map[string]any{"maxProcesses": 5, "timeout": "1ms"}},
		{"config": map[string]any{"type": "otpbox", "request": "launch", "program": prog}, "sandbox": map[string]any{"maxOutput": "lots"}},
	})
	bin := filepath.Join(t.TempDir(), "otpbox")
	if out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "github.com/otpbox/otpbox/cmd/otpbox").CombinedOutput(); err != nil {
		t.Fatalf("building otpbox: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "dap", "--isolation", "native")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := daptest.New(t, out, in)
	c.OK("initialize", map[string]any{"adapterID": "otpbox"})
	if r := c.Send("launch", launches[1]).GetResponse(); r.Success || !strings.Contains(r.Message, "limits.maxOutput") || !strings.Contains(r.Message, "lots") {
		t.Errorf("launch with maxOutput \"lots\": %+v", r)
	}
	c.OK("launch", launches[0])
	c.OK("configurationDone", nil)
	exited := func(m godap.Message) bool { _, ok := m.(*godap.ExitedEvent); return ok }
	c.Await("exited", exited)
	m := regexp.MustCompile(`spawned (\d+)`).FindStringSubmatch(c.Output())
	if m == nil || !strings.Contains(c.Output(), "system_limit") {
		t.Fatalf("output:\n%s", c.Output())
	}
	// main itself is one of the five. main waits 100ms first: the 1ms
	// timeout setting would have killed it, had it reached the launch.
	if n, _ := strconv.Atoi(m[1]); n != 4 {
		t.Errorf("spawned %d before system_limit under maxProcesses 5; output:\n%s", n, c.Output())
	}
	c.OK("disconnect", nil)
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("otpbox dap: %v\n%s", err, stderr.String())
	}
}

// TestLaunchLimitAttributes checks that package.json declares, for
// launch.json's completion and validation, exactly the limits otpbox dap's
// launch takes from a sandbox (dap.Limits but the bare VM's maxReductions,
// which the sandbox refuses), each with the JSON type dap.Limits decodes.
func TestLaunchLimitAttributes(t *testing.T) {
	raw, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Contributes struct {
			Debuggers []struct {
				ConfigurationAttributes struct {
					Launch struct {
						Properties struct {
							Limits struct {
								Properties map[string]struct {
									Type string `json:"type"`
								} `json:"properties"`
							} `json:"limits"`
						} `json:"properties"`
					} `json:"launch"`
				} `json:"configurationAttributes"`
			} `json:"debuggers"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if len(m.Contributes.Debuggers) != 1 {
		t.Fatalf("package.json declares %d debuggers, want 1", len(m.Contributes.Debuggers))
	}
	declared := m.Contributes.Debuggers[0].ConfigurationAttributes.Launch.Properties.Limits.Properties
	want := map[string]string{}
	lt := reflect.TypeFor[dap.Limits]()
	for i := range lt.NumField() {
		f := lt.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if name == "maxReductions" {
			continue
		}
		typ := "string"
		if f.Type.Kind() == reflect.Int || f.Type.Kind() == reflect.Int64 {
			typ = "integer"
		}
		want[name] = typ
	}
	got := map[string]string{}
	for k, v := range declared {
		got[k] = v.Type
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("package.json's launch limits are %v; otpbox dap takes %v", got, want)
	}
}
