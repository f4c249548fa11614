// Package vscode_test checks the VS Code extension as far as it can run
// without VS Code: vsce (Microsoft's packager) validates the manifest and
// packages the folder, and a Node script (test/manifest_check.js) holds
// package.json against the real "otpbox lsp" and "otpbox dap".
package vscode_test

import (
	"archive/zip"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox"
)

// report is what test/manifest_check.js prints.
type report struct {
	ClientCommands   []string `json:"clientCommands"`
	ServerCommands   []string `json:"serverCommands"`
	ManifestCommands []string `json:"manifestCommands"`
	Settings         []struct {
		Key      string   `json:"key"`
		Value    string   `json:"value"`
		Valid    bool     `json:"valid"`
		Warnings []string `json:"warnings"`
	} `json:"settings"`
	SettingKeys      []string `json:"settingKeys"`
	DebuggerTypes    []string `json:"debuggerTypes"`
	LaunchAttributes []string `json:"launchAttributes"`
}

// setup finds node (20 or newer, as @vscode/vsce 3 needs) and the
// extension's npm packages (installed by `npm ci`, which `make test` runs
// from the lock file), and builds otpbox.
func setup(t *testing.T) (node, bin string) {
	t.Helper()
	node = testenv.LookPath(t, "node")
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("node --version: %v", err)
	}
	major, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(strings.TrimSpace(string(out)), "v"), ".", 2)[0])
	if major < 20 {
		testenv.Missing(t, "node %s is older than 20, which @vscode/vsce needs", strings.TrimSpace(string(out)))
	}
	for _, pkg := range []string{"@vscode/vsce", "vscode-languageclient"} {
		if _, err := os.Stat(filepath.Join("node_modules", pkg, "package.json")); err != nil {
			testenv.Missing(t, "%s is not installed (run npm ci in extensions/vscode): %v", pkg, err)
		}
	}
	bin = filepath.Join(t.TempDir(), "otpbox")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "github.com/otpbox/otpbox/cmd/otpbox")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building otpbox: %v\n%s", err, out)
	}
	return node, bin
}

// TestManifestMatchesServer checks package.json's commands, settings and
// launch attributes against what the built otpbox really offers.
func TestManifestMatchesServer(t *testing.T) {
	node, bin := setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("test", "manifest_check.js"))
	cmd.Env = append(os.Environ(), "OTPBOX_BIN="+bin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("manifest_check.js: %v\n%s", err, stderr.String())
	}
	var r report
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("manifest_check.js printed %q: %v", out, err)
	}

	// The palette offers exactly the server's commands plus the ones the
	// extension registers itself (otpbox.debug, docs/lsp-extensions.md).
	want := slices.Concat(r.ServerCommands, r.ClientCommands)
	slices.Sort(want)
	got := slices.Clone(r.ManifestCommands)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("package.json declares commands %q; the server advertises %q and the extension registers %q", got, r.ServerCommands, r.ClientCommands)
	}
	if len(r.ServerCommands) == 0 {
		t.Errorf("the server advertised no commands")
	}
	if !slices.Equal(r.ClientCommands, []string{"otpbox.debug"}) {
		t.Errorf("client-side commands %q, want [otpbox.debug]", r.ClientCommands)
	}

	// Settings: otpbox.path is the extension's own; every other key is the
	// server's, and the server took each value the manifest allows (no
	// warning; the rejection of the bad value names the last one kept) and
	// rejected the bad one by name.
	keys := slices.Clone(r.SettingKeys)
	slices.Sort(keys)
	if want := slices.Sorted(slices.Values(append([]string{"otpbox.path"}, sandboxSettings...))); !slices.Equal(keys, want) {
		t.Errorf("settings %q, want %q", keys, want)
	}
	var lastValid string
	tried := map[string]bool{}
	for i, s := range r.Settings {
		tried[s.Key] = true
		if i > 0 && r.Settings[i-1].Key != s.Key {
			lastValid = ""
		}
		switch {
		case s.Valid && len(s.Warnings) != 0:
			t.Errorf("%s = %q: the server warned %q", s.Key, s.Value, s.Warnings)
		case s.Valid:
			lastValid = s.Value
		case len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], s.Key) || !strings.Contains(s.Warnings[0], strconv.Quote(s.Value)):
			t.Errorf("%s = %q: want one warning naming the key and the value, got %q", s.Key, s.Value, s.Warnings)
		case !strings.Contains(s.Warnings[0], "keeping "+lastValid):
			t.Errorf("%s = %q: warning %q does not keep %q, the last value sent", s.Key, s.Value, s.Warnings[0], lastValid)
		}
	}
	for _, k := range sandboxSettings {
		if !tried[k] {
			t.Errorf("%s was not tried", k)
		}
	}

	// The debugger: type otpbox, launch attributes those `otpbox dap --help`
	// documents.
	if !slices.Equal(r.DebuggerTypes, []string{"otpbox"}) {
		t.Errorf("debugger types %q, want [otpbox]", r.DebuggerTypes)
	}
	help, _ := exec.Command(bin, "dap", "--help").CombinedOutput()
	for _, attr := range r.LaunchAttributes {
		if !strings.Contains(string(help), attr) {
			t.Errorf("launch attribute %q is not in otpbox dap --help:\n%s", attr, help)
		}
	}
	if len(r.LaunchAttributes) < 5 {
		t.Errorf("launch attributes %q: want program, entry, stopOnEntry, includeDirs, limits", r.LaunchAttributes)
	}
}

// sandboxSettings are the server's settings: the workspace sandbox's
// isolation and limits (docs/lsp-extensions.md).
var sandboxSettings = []string{
	"otpbox.sandbox.isolation", "otpbox.sandbox.memory", "otpbox.sandbox.timeout", "otpbox.sandbox.maxProcesses",
	"otpbox.sandbox.maxAtoms", "otpbox.sandbox.maxOutput", "otpbox.sandbox.maxModuleSize",
}

// TestSettingDefaults checks that package.json's defaults for the sandbox
// limits are the sandbox's own, so that VS Code, which always sends every
// key, does not quietly change a limit the user never set.
func TestSettingDefaults(t *testing.T) {
	raw, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Contributes struct {
			Configuration struct {
				Properties map[string]struct {
					Default any `json:"default"`
				} `json:"properties"`
			} `json:"configuration"`
		} `json:"contributes"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	props := m.Contributes.Configuration.Properties
	size := func(key string, want int64) {
		t.Helper()
		s, _ := props[key].Default.(string)
		if n, err := sandbox.ParseSize(s); err != nil || n != want {
			t.Errorf("%s defaults to %v (%v), want %s", key, props[key].Default, err, sandbox.FormatSize(want))
		}
	}
	count := func(key string, want int) {
		t.Helper()
		if n, _ := props[key].Default.(float64); n != float64(want) {
			t.Errorf("%s defaults to %v, want %d", key, props[key].Default, want)
		}
	}
	size("otpbox.sandbox.memory", sandbox.DefaultMemory)
	size("otpbox.sandbox.maxOutput", sandbox.DefaultMaxOutput)
	size("otpbox.sandbox.maxModuleSize", sandbox.DefaultMaxModuleSize)
	count("otpbox.sandbox.maxProcesses", sandbox.DefaultMaxProcesses)
	count("otpbox.sandbox.maxAtoms", sandbox.DefaultAtomLimit)
	if d, _ := props["otpbox.sandbox.timeout"].Default.(string); d != "30s" {
		t.Errorf("otpbox.sandbox.timeout defaults to %v, want 30s, the language server's run timeout", props["otpbox.sandbox.timeout"].Default)
	}
	if d, _ := props["otpbox.sandbox.isolation"].Default.(string); d != sandbox.Wasm.String() {
		t.Errorf("otpbox.sandbox.isolation defaults to %v, want wasm", props["otpbox.sandbox.isolation"].Default)
	}
}

// TestPackage packages the extension with vsce, which validates the
// manifest offline, and checks what went into the .vsix: the extension, its
// runtime dependency, and none of the tests or dev dependencies.
func TestPackage(t *testing.T) {
	node, _ := setup(t)
	vsix := filepath.Join(t.TempDir(), "otpbox.vsix")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("node_modules", "@vscode", "vsce", "vsce"), "package", "--out", vsix)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("vsce package: %v\n%s", err, out)
	}
	zr, err := zip.OpenReader(vsix)
	if err != nil {
		t.Fatalf("reading the package: %v", err)
	}
	defer zr.Close()
	files := map[string]bool{}
	for _, f := range zr.File {
		files[f.Name] = true
	}
	for _, want := range []string{
		"extension.vsixmanifest",
		"extension/package.json",
		"extension/extension.js",
		"extension/present.js",
		"extension/node_modules/vscode-languageclient/node.js",
	} {
		if !files[want] {
			t.Errorf("the package lacks %s", want)
		}
	}
	for name := range files {
		if strings.HasSuffix(name, ".go") || strings.HasPrefix(name, "extension/test/") || strings.HasPrefix(name, "extension/node_modules/@vscode/vsce/") {
			t.Errorf("the package holds %s, which is not part of the extension", name)
		}
	}
}

// TestNotificationsHandled checks that extension.js shows every server
// notification docs/lsp-extensions.md documents: a notification the
// extension does not handle is dropped by vscode-languageclient unseen.
func TestNotificationsHandled(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "lsp-extensions.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, notes, ok := strings.Cut(string(doc), "\n## Notifications")
	if !ok {
		t.Fatalf("docs/lsp-extensions.md has no Notifications section")
	}
	notes, _, _ = strings.Cut(notes, "\n## ")
	src, err := os.ReadFile("extension.js")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile("(?m)^### `(otpbox/[A-Za-z]+)`").FindAllStringSubmatch(notes, -1)
	if len(names) == 0 {
		t.Fatalf("no otpbox/* notifications found in docs/lsp-extensions.md's Notifications section")
	}
	for _, m := range names {
		if !strings.Contains(string(src), "onNotification('"+m[1]+"'") {
			t.Errorf("extension.js does not handle %s", m[1])
		}
	}
}

// TestSessionOutput runs a supervisor and its worker in the real server
// through otpbox.run and otpbox.processTree, as the extension does, and
// checks what present.js puts in the output channel: the run's value, the
// program's output with stderr marked, and the worker drawn under its
// supervisor. The sandbox runs natively: the wasm sandbox needs the guest
// (make guest), which lsp's own tests cover.
func TestSessionOutput(t *testing.T) {
	node, bin := setup(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("test", "session_check.js"))
	cmd.Env = append(os.Environ(), "OTPBOX_BIN="+bin, "OTPBOX_ISOLATION=native")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("session_check.js: %v\n%s", err, stderr.String())
	}
	var r struct {
		Result       []string `json:"result"`
		Output       string   `json:"output"`
		Tree         []string `json:"tree"`
		DebugAdapter []string `json:"debugAdapter"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("session_check.js printed %q: %v", out, err)
	}
	if !slices.Equal(r.Result, []string{"otpbox.run: started"}) {
		t.Errorf("the run's answer shows as %q, want [otpbox.run: started]", r.Result)
	}
	if r.Output != "booted\n! a warning\n! and more\n" {
		t.Errorf("program output shows as %q", r.Output)
	}
	if len(r.DebugAdapter) != 1 || !regexp.MustCompile(`^debug adapter for the workspace sandbox at 127\.0\.0\.1:[0-9]+: attach with \{"sandbox": "workspace", "token": "[^"]+"\}$`).MatchString(r.DebugAdapter[0]) {
		t.Errorf("otpbox.debugAdapter's answer shows as %q", r.DebugAdapter)
	}
	indent := func(name string) (at, depth int) {
		for i, l := range r.Tree {
			if fields := strings.Fields(l); len(fields) > 1 && fields[1] == name {
				return i, len(l) - len(strings.TrimLeft(l, " "))
			}
		}
		t.Fatalf("the process tree lacks %s:\n%s", name, strings.Join(r.Tree, "\n"))
		return 0, 0
	}
	sup, supDepth := indent("demo_sup")
	worker, workerDepth := indent("demo_worker")
	if worker <= sup || workerDepth != supDepth+2 || !strings.HasSuffix(r.Tree[worker], "demo_worker:init/1") {
		t.Errorf("the worker is not drawn under its supervisor:\n%s", strings.Join(r.Tree, "\n"))
	}
}
