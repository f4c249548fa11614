package nvim_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox"
)

// pluginModule is what the plugin test opens: a main/0 that prints and
// leaves a registered process waiting, for :OtpboxRun and then
// :OtpboxProcessTree, and an EUnit test, for :OtpboxTest. The rebar.config beside
// src/ is the root marker the plugin finds.
const pluginModule = `-module(hello).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").

main() ->
    io:put_chars("hello "),
    io:format("from ~s~n", ["main"]),
    register(keeper, spawn(fun() -> receive stop -> ok end end)),
    ok.

add_test() -> 2 = 1 + 1.
`

const pluginMainLine = 4

type pluginResult struct {
	Filetype     string `json:"filetype"`
	BadIsolation string `json:"bad_isolation"`
	BadSandbox   string `json:"bad_sandbox"`
	RootDir      string `json:"root_dir"`
	InitOptions  struct {
		Otpbox struct {
			Sandbox struct {
				Isolation    string `json:"isolation"`
				MaxProcesses int    `json:"maxProcesses"`
				Memory       string `json:"memory"`
			} `json:"sandbox"`
		} `json:"otpbox"`
	} `json:"init_options"`
	Lenses []struct {
		Line  int    `json:"line"`
		Title string `json:"title"`
	} `json:"lenses"`
	Output    []string `json:"output"`
	Processes []string `json:"processes"`
	Notices   []struct {
		Msg   string `json:"msg"`
		Level int    `json:"level"`
	} `json:"notices"`
}

// TestNeovimPlugin loads lua/otpbox into a headless Neovim, as a user's
// runtimepath would, and drives it through plugin_check.lua: setup, the
// server attached with the isolation asked for, the lenses shown, and
// :OtpboxRun, :OtpboxTest, :OtpboxProcessTree and :OtpboxReload against
// the real server and sandbox.
func TestNeovimPlugin(t *testing.T) {
	nvim, bin, rtp := pluginTestSetup(t, "plugin_check.lua")
	for _, iso := range []string{"native", "wasm"} {
		t.Run(iso, func(t *testing.T) {
			if iso == "wasm" {
				if err := sandbox.GuestBuilt(); err != nil {
					testenv.Missing(t, "%v", err)
				}
			}
			runPluginCheck(t, nvim, bin, rtp, iso)
		})
	}
}

// pluginTestSetup finds nvim, builds otpbox and returns them with the
// plugin's directory (the runtimepath entry), after checking that the
// check script and the files it loads are there.
func pluginTestSetup(t *testing.T, script string) (nvim, bin, rtp string) {
	t.Helper()
	nvim = testenv.LookPath(t, "nvim")
	bin = buildOtpbox(t, t.TempDir())
	rtp, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	readInputs(t, filepath.Join(rtp, script), filepath.Join(rtp, "check_common.lua"), filepath.Join(rtp, "lua", "otpbox", "init.lua"))
	return nvim, bin, rtp
}

func runPluginCheck(t *testing.T, nvim, bin, rtp, iso string) {
	dir := t.TempDir()
	root := filepath.Join(dir, "ws")
	file := filepath.Join(root, "src", "hello.erl")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{file: pluginModule, filepath.Join(root, "rebar.config"): "{erl_opts, []}.\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var res pluginResult
	runNvim(t, nvim, dir, []string{"--cmd", "set rtp+=" + rtp, "-c", "luafile " + filepath.Join(rtp, "plugin_check.lua")}, []string{
		"OTPBOX_BIN=" + bin,
		"OTPBOX_FILE=" + file,
		"OTPBOX_ISOLATION=" + iso,
	}, &res)
	if !strings.Contains(res.BadIsolation, `isolation must be "wasm" or "native", not "vm"`) {
		t.Errorf("setup with isolation \"vm\": %q, want the error naming the allowed values", res.BadIsolation)
	}
	if res.Filetype != "erlang" {
		t.Errorf("filetype %q, want erlang (the plugin attaches on FileType erlang)", res.Filetype)
	}
	if res.RootDir != root {
		t.Errorf("root_dir %q, want %q (the directory with rebar.config)", res.RootDir, root)
	}
	if !strings.Contains(res.BadSandbox, "sandbox.maxProcess is not a limit; they are memory, timeout, maxProcesses") {
		t.Errorf("setup with sandbox.maxProcess: %q, want the error naming the limits", res.BadSandbox)
	}
	if sb := res.InitOptions.Otpbox.Sandbox; sb.Isolation != iso || sb.MaxProcesses != 5000 || sb.Memory != "512MiB" {
		t.Errorf("init_options otpbox.sandbox %+v, want isolation %q, maxProcesses 5000, memory 512MiB", sb, iso)
	}

	var lenses []string
	for _, l := range res.Lenses {
		lenses = append(lenses, fmt.Sprintf("%d %s", l.Line, l.Title))
	}
	for _, want := range []string{fmt.Sprintf("%d ▶ Run", pluginMainLine), fmt.Sprintf("%d Debug", pluginMainLine), "0 ▶ Run tests"} {
		if !slices.Contains(lenses, want) {
			t.Errorf("lenses lack %q; they are %q", want, lenses)
		}
	}

	// The output buffer: the program's line (printed in two pieces, which
	// must join into one line), then the value, then EUnit's report and the
	// test's value, in that order.
	out := strings.Join(res.Output, "\n")
	order := []string{"-- hello:main()\nhello from main\nhello:main() = ok\n", "-- eunit:test(hello)", "Test passed.", "eunit:test(hello) = ok"}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("output buffer lacks %q after offset %d; it is:\n%s\nnotices: %+v", want, at, out, res.Notices)
		}
		at += i + len(want)
	}

	// The process main/0 left running, by its registered name.
	if !slices.ContainsFunc(res.Processes, func(l string) bool { return strings.HasPrefix(l, "<0.") && strings.Contains(l, " keeper") }) {
		t.Errorf("process tree buffer lacks the keeper process: %q", res.Processes)
	}
	if !slices.ContainsFunc(res.Notices, func(n struct {
		Msg   string `json:"msg"`
		Level int    `json:"level"`
	}) bool {
		return strings.HasPrefix(n.Msg, "otpbox: loaded hello (version ")
	}) {
		t.Errorf(":OtpboxReload gave no 'loaded hello' notice: %+v", res.Notices)
	}
}
