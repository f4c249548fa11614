package nvim_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// dapStandIn is the `dap` module TestNeovimDebugLens puts on the
// runtimepath in place of nvim-dap, which this project cannot install
// (a GitHub plugin, in no package registry it reaches): the same tables
// and run(config) as nvim-dap's API, recording instead of debugging.
const dapStandIn = `-- A stand-in for nvim-dap, written by extensions/nvim/dap_test.go.
local M = { adapters = {}, configurations = {}, runs = {} }
function M.run(config, opts)
  assert(type(config) == "table", "dap.run() must be called with a configuration")
  table.insert(M.runs, vim.deepcopy(config))
end
return M
`

// debugModule is the module whose Debug lens the test runs.
const debugModule = `-module(hello).
-export([main/0]).

main() ->
    io:format("hello from ~s~n", [main]),
    ok.
`

type dapAdapter struct {
	Type    string   `json:"type"`
	Command string   `json:"command"`
	Args    []string `json:"args"`
}

type dapResult struct {
	WithoutDap     []notice         `json:"without_dap"`
	Adapter        dapAdapter       `json:"adapter"`
	Configurations []map[string]any `json:"configurations"`
	Runs           []map[string]any `json:"runs"`
	UserAdapter    bool             `json:"user_adapter_kept"`
	NoticesAfter   []notice         `json:"notices_after"`
}

type notice struct {
	Msg   string `json:"msg"`
	Level int    `json:"level"`
}

// nvimWarn is vim.log.levels.WARN.
const nvimWarn = 3

// TestNeovimDebugLens: the Debug lens without nvim-dap warns that it
// needs it; with nvim-dap (a stand-in, loaded after setup) the plugin
// registers an otpbox adapter running `otpbox dap` and an Erlang launch
// configuration, the lens and :OtpboxDebug run a launch of module:main
// under setup's limits, and a user's own adapter is kept. The adapter
// command and launch configuration the stand-in recorded are then run
// against the real `otpbox dap`, as nvim-dap would: the program runs to
// its end and prints.
func TestNeovimDebugLens(t *testing.T) {
	nvim, bin, rtp := pluginTestSetup(t, "dap_check.lua")
	dir := t.TempDir()
	standIn := filepath.Join(dir, "standin")
	file := filepath.Join(dir, "ws", "src", "hello.erl")
	for name, text := range map[string]string{
		filepath.Join(standIn, "lua", "dap.lua"): dapStandIn,
		file:                                     debugModule,
		filepath.Join(dir, "ws", "rebar.config"): "{erl_opts, []}.\n",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const iso = "native"
	var res dapResult
	runNvim(t, nvim, dir, []string{"--cmd", "set rtp+=" + rtp, "-c", "luafile " + filepath.Join(rtp, "dap_check.lua")}, []string{
		"OTPBOX_BIN=" + bin,
		"OTPBOX_FILE=" + file,
		"OTPBOX_ISOLATION=" + iso,
		"OTPBOX_DAP_RTP=" + standIn,
	}, &res)

	if len(res.WithoutDap) != 1 || res.WithoutDap[0].Level != nvimWarn || !strings.Contains(res.WithoutDap[0].Msg, "Debug needs nvim-dap") {
		t.Errorf("the Debug lens without nvim-dap said %+v, want one warning that it needs nvim-dap", res.WithoutDap)
	}
	if want := (dapAdapter{Type: "executable", Command: bin, Args: []string{"dap", "--isolation", iso}}); !reflect.DeepEqual(res.Adapter, want) {
		t.Errorf("dap.adapters.otpbox = %+v, want %+v", res.Adapter, want)
	}
	// setup's limits but the timeout, which would count time at breakpoints.
	limits := map[string]any{"maxProcesses": 5000.0}
	wantConfig := map[string]any{"type": "otpbox", "request": "launch", "name": "otpbox: debug this module's main/0", "program": "${file}", "limits": limits}
	if len(res.Configurations) != 1 || !reflect.DeepEqual(res.Configurations[0], wantConfig) {
		t.Errorf("dap.configurations.erlang = %v, want [%v] (once, however often Debug ran)", res.Configurations, wantConfig)
	}
	wantRun := map[string]any{"type": "otpbox", "request": "launch", "name": "otpbox: hello:main()", "program": file, "entry": "hello:main", "limits": limits}
	if len(res.Runs) != 3 {
		t.Fatalf("dap.run called with %v, want three times (the lens, :OtpboxDebug, :OtpboxDebug with the user's adapter)", res.Runs)
	}
	for i, r := range res.Runs {
		if !reflect.DeepEqual(r, wantRun) {
			t.Errorf("dap.run %d: %v, want %v", i, r, wantRun)
		}
	}
	if !res.UserAdapter {
		t.Errorf("setup's adapter replaced the user's dap.adapters.otpbox")
	}
	if len(res.NoticesAfter) != len(res.WithoutDap) {
		t.Errorf("notices with nvim-dap: %+v", res.NoticesAfter[len(res.WithoutDap):])
	}

	// What nvim-dap would do with them: start the adapter and launch.
	out := runAdapter(t, res.Adapter, res.Runs[0])
	if out != "hello from main\n" {
		t.Errorf("the program under `otpbox dap` printed %q", out)
	}
}

// runAdapter starts adapter's command, speaks DAP to it as a client does
// (initialize, launch with config as the arguments, configurationDone)
// and returns the program's output once it has exited with status 0.
func runAdapter(t *testing.T, adapter dapAdapter, config map[string]any) string {
	t.Helper()
	cmd := exec.Command(adapter.Command, adapter.Args...)
	cmd.Env = append(os.Environ(), isolatedXDG(t.TempDir())...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("%s %s: %v", adapter.Command, strings.Join(adapter.Args, " "), err)
		}
	}()
	msgs := make(chan godap.Message, 100)
	go func() {
		defer close(msgs)
		r := bufio.NewReader(stdout)
		for {
			m, err := godap.ReadProtocolMessage(r)
			if err != nil {
				if err != io.EOF {
					t.Logf("reading the adapter: %v", err)
				}
				return
			}
			msgs <- m
		}
	}()
	seq := 0
	send := func(command string, args any) {
		seq++
		raw, err := json.Marshal(args)
		if err != nil {
			t.Fatal(err)
		}
		req := map[string]any{"seq": seq, "type": "request", "command": command, "arguments": json.RawMessage(raw)}
		body, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
			t.Fatalf("writing %s: %v", command, err)
		}
	}
	var output strings.Builder
	timeout := time.After(60 * time.Second)
	// await reads messages until done says so; a failed response ends the test.
	await := func(what string, done func(godap.Message) bool) {
		t.Helper()
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					t.Fatalf("the adapter ended before %s; output %q", what, output.String())
				}
				if r, ok := m.(godap.ResponseMessage); ok && !r.GetResponse().Success {
					t.Fatalf("%s: %s", r.GetResponse().Command, r.GetResponse().Message)
				}
				if o, ok := m.(*godap.OutputEvent); ok && o.Body.Category == "stdout" {
					output.WriteString(o.Body.Output)
				}
				if done(m) {
					return
				}
			case <-timeout:
				t.Fatalf("no %s from the adapter; output %q", what, output.String())
			}
		}
	}
	send("initialize", map[string]any{"adapterID": "otpbox", "linesStartAt1": true, "columnsStartAt1": true})
	await("the initialize response", func(m godap.Message) bool { _, ok := m.(*godap.InitializeResponse); return ok })
	send("launch", config)
	await("the initialized event", func(m godap.Message) bool { _, ok := m.(*godap.InitializedEvent); return ok })
	send("configurationDone", map[string]any{})
	var exited *godap.ExitedEvent
	await("the exited event", func(m godap.Message) bool { exited, _ = m.(*godap.ExitedEvent); return exited != nil })
	if exited.Body.ExitCode != 0 {
		t.Errorf("the program exited with %d", exited.Body.ExitCode)
	}
	send("disconnect", map[string]any{})
	await("the disconnect response", func(m godap.Message) bool { _, ok := m.(*godap.DisconnectResponse); return ok })
	return output.String()
}
