package dap_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox"
)

// TestNodeDebugClient runs testdata/node/session.js: Microsoft's DAP test
// client (@vscode/debugadapter-testsupport, installed by `npm ci` in
// testdata/node, which .ci/run does) drives `otpbox dap` as a separate
// process through launch, a breakpoint, variables, evaluate, next and the
// program's end: in the default isolation (wasm) and in native, chosen
// through $OTPBOX_ISOLATION, which the adapter's process inherits.
func TestNodeDebugClient(t *testing.T) {
	node := testenv.LookPath(t, "node")
	dir, err := filepath.Abs(filepath.Join("testdata", "node"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@vscode", "debugadapter-testsupport")); err != nil {
		testenv.Missing(t, "@vscode/debugadapter-testsupport is not installed (run npm ci in %s): %v", dir, err)
	}
	tmp := t.TempDir()
	otpbox := filepath.Join(tmp, "otpbox")
	build := exec.Command("go", "build", "-o", otpbox, "../cmd/otpbox")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building otpbox: %v\n%s", err, out)
	}
	prog := filepath.Join(tmp, "nodeprog.erl")
	src := `-module(nodeprog).
-export([main/0]).
main() ->
    X = {1, [a, b]},
    Y = tuple_size(X),
    io:format("~p~n", [{X, Y}]).
`
	if err := os.WriteFile(prog, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OTPBOX_ISOLATION=") {
			env = append(env, kv)
		}
	}
	for _, iso := range []string{"wasm", "native"} {
		t.Run(iso, func(t *testing.T) {
			if err := sandbox.GuestBuilt(); iso == "wasm" && err != nil {
				testenv.Missing(t, "%v", err)
			}
			cmd := exec.Command(node, filepath.Join(dir, "session.js"), otpbox, prog)
			cmd.Dir = dir
			cmd.Env = env // the default: wasm
			if iso != "wasm" {
				cmd.Env = append(env, "OTPBOX_ISOLATION="+iso)
			}
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "ok") {
				t.Fatalf("node session: %v\n%s", err, out)
			}
		})
	}
}
